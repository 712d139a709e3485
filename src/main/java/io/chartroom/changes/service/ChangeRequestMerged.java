package io.chartroom.changes.service;

import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.AuditableEvent;
import java.util.List;

/**
 * A change request merged into main: the reconciler applies main's new state. Published in the merge's
 * transaction (audited with it); listeners that act on it should run after commit.
 *
 * @param environments the environments whose releases change
 */
public record ChangeRequestMerged(long changeRequestId, String release, String mergeCommit, String previousMain,
                                  List<String> environments, String mergedBy, String method, String policyOverride)
        implements AuditableEvent {

    @Override
    public AuditEntry auditEntry() {
        AuditEntry.Builder entry = AuditEntry.of("change_request.merged", mergedBy)
                .target("change_request", changeRequestId)
                .changeRequest(changeRequestId)
                .release(release)
                .detail("commit", mergeCommit)
                .detail("previousMain", previousMain)
                .detail("method", method)
                .detail("environments", environments);
        if (environments.size() == 1) {
            entry.environment(environments.getFirst());
        }
        if (policyOverride != null) {
            entry.detail("policyOverride", policyOverride);
        }
        return entry.build();
    }
}
