package io.chartroom.audit.service;

import io.chartroom.audit.domain.AuditEventQueries;
import io.chartroom.audit.domain.AuditRecord;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * One release's story from the audit log, oldest first: submissions, reviews, merges, and what the
 * reconciler did on each cluster. Everyone who may see releases may see it.
 */
@Service
public class ReleaseTimeline {

    static final int LIMIT = 2000;

    private final AuditEventQueries queries;
    private final CurrentUser currentUser;

    public ReleaseTimeline(AuditEventQueries queries, CurrentUser currentUser) {
        this.queries = queries;
        this.currentUser = currentUser;
    }

    public List<AuditRecord> of(String release) {
        currentUser.require(Role.VIEWER);
        // client addresses are for admins (the audit view), not for everyone who reads a release's history
        return queries.release(release, LIMIT).stream().map(r -> new AuditRecord(r.id(), r.occurredAt(), r.actor(), r.action(),
                r.outcome(), r.targetType(), r.target(), r.release(), r.environment(), r.cluster(), r.changeRequest(), r.details(),
                null)).toList();
    }
}
