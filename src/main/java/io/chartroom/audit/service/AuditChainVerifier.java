package io.chartroom.audit.service;

import io.chartroom.audit.domain.AuditChain;
import io.chartroom.audit.domain.AuditEventQueries;
import io.chartroom.audit.domain.AuditRecord;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * Walks the audit log oldest first and recomputes each row's hash from its columns and the previous row's
 * hash. A row edited in the database no longer matches its hash; a row removed leaves the next row pointing at
 * a hash that is not its predecessor's; a row inserted breaks the link after it.
 */
@Component
public class AuditChainVerifier {

    /** The outcome: how many rows were checked and, if broken, the first row that does not verify and why. */
    public record Result(boolean intact, long rows, Long firstBrokenId, String problem, long millis) {}

    private final AuditEventQueries queries;

    AuditChainVerifier(AuditEventQueries queries) {
        this.queries = queries;
    }

    Result verify() {
        long start = System.nanoTime();
        var state = new Object() {
            byte[] previous;
            long rows;
            Long broken;
            String problem;
        };
        queries.streamChain(row -> {
            state.rows++;
            if (state.broken != null) {
                return;
            }
            AuditRecord r = row.record();
            if (!Arrays.equals(state.previous, row.previousHash())) {
                state.broken = r.id();
                state.problem = state.rows == 1
                        ? "the first row points at a predecessor that is not there: earlier rows were removed"
                        : "row " + r.id() + " does not follow the row before it: a row between them was removed or inserted";
                return;
            }
            byte[] expected = AuditChain.hash(state.previous, new AuditChain.ChainedFields(r.id(), r.occurredAt(), r.actor(),
                    r.action(), r.outcome(), r.targetType(), r.target(), r.release(), r.environment(), r.cluster(),
                    r.changeRequest(), r.details(), r.sourceAddress()));
            if (!Arrays.equals(expected, row.hash())) {
                state.broken = r.id();
                state.problem = "row " + r.id() + " was changed after it was written: its content does not match its hash";
                return;
            }
            state.previous = row.hash();
        });
        return new Result(state.broken == null, state.rows, state.broken, state.problem, (System.nanoTime() - start) / 1_000_000);
    }
}
