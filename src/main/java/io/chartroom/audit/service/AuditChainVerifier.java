package io.chartroom.audit.service;

import io.chartroom.audit.domain.AuditChain;
import io.chartroom.audit.domain.AuditEventQueries;
import io.chartroom.audit.domain.AuditEventRepository;
import io.chartroom.audit.domain.AuditRecord;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * Walks the audit log oldest first and recomputes each row's hash from its columns and the previous row's
 * hash (keyed with the audit key; unkeyed only for rows from before keying). A row edited in the database no
 * longer matches its hash; a row removed leaves the next row pointing at a hash that is not its predecessor's;
 * a row inserted breaks the link after it; newest rows removed leave the table ending before the checkpoint.
 * Gaps in ids are reported, not failed: an action that rolled back takes its id with it, and the chain shows
 * that nothing was removed between the rows around a gap.
 */
@Component
public class AuditChainVerifier {

    /**
     * The outcome: how many rows were checked; if broken, the first row that does not verify and why; the ids
     * that are missing (gaps) and the head the checkpoint holds.
     */
    public record Result(boolean intact, long rows, Long firstBrokenId, String problem, long millis, long missingIds,
                         Long checkpointId, Break kind) {}

    /**
     * What broke. LINK (a row does not follow the one before it), TRUNCATED (the table ends before the
     * checkpoint) and CHECKPOINT (the checkpoint cannot be vouched for) may be accepted by an ADMIN after a
     * restore; CHANGED, UNKEYED and REPLACED rows cannot: they are what tampering looks like.
     */
    public enum Break { LINK, TRUNCATED, CHECKPOINT, CHANGED, UNKEYED, REPLACED;

        public boolean acceptable() {
            return this == LINK || this == TRUNCATED || this == CHECKPOINT;
        }
    }

    private final AuditEventQueries queries;
    private final AuditChain chain;
    private final AuditCheckpoint checkpoint;

    AuditChainVerifier(AuditEventQueries queries, AuditChain chain, AuditCheckpoint checkpoint) {
        this.queries = queries;
        this.chain = chain;
        this.checkpoint = checkpoint;
    }

    /** An ADMIN accepts the break verification found (after restoring a backup): the chain is anchored on the table again. */
    void accept(Result broken, AuditEventRepository.Appended tableHead) {
        checkpoint.accept(broken.kind() == Break.LINK ? broken.firstBrokenId() : -1, broken.kind() == Break.CHECKPOINT,
                tableHead.id(), tableHead.hash());
    }

    Result verify() {
        long start = System.nanoTime();
        AuditCheckpoint.Head head = checkpoint.head();
        var state = new Object() {
            byte[] previous;
            long rows;
            long lastId;
            long missing;
            boolean sawHead;
            Long broken;
            String problem;
            Break kind;

            void fail(long id, Break what, String why) {
                broken = id;
                kind = what;
                problem = why;
            }
        };
        queries.streamChain(row -> {
            state.rows++;
            AuditRecord r = row.record();
            if (state.lastId != 0 && r.id() > state.lastId + 1) {
                state.missing += r.id() - state.lastId - 1;
            }
            state.lastId = r.id();
            if (state.broken != null) {
                return;
            }
            boolean accepted = head.accepted().contains(r.id());
            if (!Arrays.equals(state.previous, row.previousHash()) && !accepted) {
                state.fail(r.id(), Break.LINK, state.rows == 1
                        ? "the first row points at a predecessor that is not there: earlier rows were removed"
                        : "row " + r.id() + " does not follow the row before it: a row between them was removed or inserted");
                return;
            }
            if (row.version() != AuditChain.KEYED && r.id() > head.legacyUntil()) {
                state.fail(r.id(), Break.UNKEYED, "row " + r.id() + " carries an unkeyed hash, but rows after " + head.legacyUntil()
                        + " are keyed: it was written outside Chartroom");
                return;
            }
            // a break an ADMIN accepted: the row is checked against the predecessor it names
            byte[] expected = chain.hash(row.version(), accepted ? row.previousHash() : state.previous, new AuditChain.ChainedFields(r.id(), r.occurredAt(), r.actor(),
                    r.action(), r.outcome(), r.targetType(), r.target(), r.release(), r.environment(), r.cluster(),
                    r.changeRequest(), r.details(), r.sourceAddress()));
            if (!Arrays.equals(expected, row.hash())) {
                state.fail(r.id(), Break.CHANGED, "row " + r.id() + " was changed after it was written: its content does not match its hash");
                return;
            }
            if (r.id() == head.id()) {
                state.sawHead = true;
                if (!Arrays.equals(head.hash(), row.hash())) {
                    state.fail(r.id(), Break.REPLACED, "row " + r.id() + " is not the row the checkpoint of " + head.at() + " recorded: it was replaced");
                }
            }
            state.previous = row.hash();
        });
        if (state.broken == null && checkpoint.problem() != null) {
            state.fail(state.lastId, Break.CHECKPOINT, checkpoint.problem());
        }
        if (state.broken == null && head.id() > 0 && !state.sawHead) {
            state.fail(head.id(), Break.TRUNCATED, state.lastId < head.id()
                    ? "the newest rows were removed: the checkpoint of " + head.at() + " saw row " + head.id() + ", the log ends at "
                            + (state.lastId == 0 ? "no row" : "row " + state.lastId)
                    : "row " + head.id() + ", which the checkpoint of " + head.at() + " recorded, is missing");
        }
        return new Result(state.broken == null, state.rows, state.broken, state.problem, (System.nanoTime() - start) / 1_000_000,
                state.missing, head.id() == 0 ? null : head.id(), state.kind);
    }
}
