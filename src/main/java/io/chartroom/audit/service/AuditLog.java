package io.chartroom.audit.service;

import io.chartroom.base.error.UserText;
import io.chartroom.base.error.ConflictException;
import io.chartroom.audit.domain.AuditEventRepository;
import io.chartroom.audit.domain.AuditEventQueries;
import io.chartroom.audit.domain.AuditFilter;
import io.chartroom.audit.domain.AuditRecord;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** The audit log for admins: search, export and chain verification. Every method is ADMIN only. */
@Service
public class AuditLog {

    public static final int MAX_PAGE = 500;

    public enum ExportFormat { CSV, JSONL }

    private final AuditEventQueries queries;
    private final AuditEventRepository rows;
    private final AuditChainVerifier verifier;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    public AuditLog(AuditEventQueries queries, AuditEventRepository rows, AuditChainVerifier verifier, CurrentUser currentUser,
                    ApplicationEventPublisher events) {
        this.rows = rows;
        this.queries = queries;
        this.verifier = verifier;
        this.currentUser = currentUser;
        this.events = events;
    }

    public List<AuditRecord> search(AuditFilter filter, Long beforeId, int offset, int limit) {
        currentUser.require(Role.ADMIN);
        return queries.page(filter, beforeId, Math.max(0, offset), Math.clamp(limit, 1, MAX_PAGE));
    }

    public List<String> actions() {
        currentUser.require(Role.ADMIN);
        return queries.actions();
    }

    /**
     * Writes the matching rows to {@code out} as they are read (a cursor, a buffered writer): memory stays flat
     * however many rows match. The export itself is audited, with its filter, before the first row.
     */
    public long export(AuditFilter filter, ExportFormat format, OutputStream out) {
        return export(filter, format, () -> out);
    }

    /** Where an export goes, opened only once the caller is known to be an ADMIN (an HTTP response sets its headers then). */
    @FunctionalInterface
    public interface ExportTarget {
        OutputStream open() throws IOException;
    }

    public long export(AuditFilter filter, ExportFormat format, ExportTarget target) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        events.publishEvent(AuditEntry.of("audit.exported", admin.username()).target("audit", "export")
                .detail("format", format.name()).detail("filter", describe(filter)).build());
        try (AuditExportWriter writer = AuditExportWriter.of(format, target.open())) {
            long[] rows = {0};
            queries.stream(filter, record -> {
                writer.write(record);
                rows[0]++;
            });
            return rows[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Recomputes the whole hash chain; the result (and who asked) is audited. */
    public AuditChainVerifier.Result verify() {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        AuditChainVerifier.Result result = verifier.verify();
        AuditEntry.Builder entry = AuditEntry.of("audit.verified", admin.username()).target("audit", "chain")
                .detail("rows", result.rows()).detail("millis", result.millis());
        if (!result.intact()) {
            entry.failed(result.problem()).detail("firstBrokenId", result.firstBrokenId());
        }
        events.publishEvent(entry.build());
        return result;
    }

    /**
     * After restoring a backup (or losing the checkpoint): accepts the break verification reports, when it is one
     * a restore explains (a link, the newest rows gone, the checkpoint); a changed or forged row never is. The
     * reason is audited with what was accepted.
     */
    public AuditChainVerifier.Result reanchor(String reason) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        String why = UserText.requireVisible("reason", reason, UserText.SHORT);
        AuditChainVerifier.Result before = verifier.verify();
        if (before.intact()) {
            throw new ConflictException("the chain is intact: there is nothing to re-anchor");
        }
        if (!before.kind().acceptable()) {
            throw new ConflictException("this break cannot be accepted: " + before.problem());
        }
        verifier.accept(before, rows.lastRow().orElse(new AuditEventRepository.Appended(0, null)));
        events.publishEvent(AuditEntry.of("audit.reanchored", admin.username()).target("audit", "chain")
                .detail("accepted", before.problem()).detail("firstBrokenId", before.firstBrokenId()).detail("reason", why).build());
        return verifier.verify();
    }

    private static String describe(AuditFilter f) {
        StringBuilder s = new StringBuilder();
        append(s, "from", f.from());
        append(s, "to", f.to());
        append(s, "actor", f.actor());
        append(s, "action", f.action());
        append(s, "target", f.target());
        append(s, "outcome", f.outcome());
        append(s, "text", f.text());
        return s.isEmpty() ? "everything" : s.toString();
    }

    private static void append(StringBuilder s, String name, Object value) {
        if (value != null) {
            s.append(s.isEmpty() ? "" : ", ").append(name).append('=').append(value);
        }
    }
}
