package io.chartroom.changes.service;

import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.AuditableEvent;
import io.chartroom.changes.domain.ChangeRequest;
import java.util.Map;

/**
 * Something happened to a change request (opened, new commit, approved, closed, ...); published in the
 * transaction that did it, so the audit line commits with it. Merges have their own event.
 */
public record ChangeRequestEvent(String action, ChangeRequest changeRequest, String actor, Map<String, Object> details)
        implements AuditableEvent {

    @Override
    public AuditEntry auditEntry() {
        AuditEntry.Builder entry = AuditEntry.of("change_request." + action, actor)
                .target("change_request", changeRequest.id())
                .changeRequest(changeRequest.id())
                .release(changeRequest.release())
                .detail("title", changeRequest.title())
                .detail("head", changeRequest.headCommit());
        if (changeRequest.environments().size() == 1) {
            entry.environment(changeRequest.environments().getFirst());
        }
        entry.detail("environments", changeRequest.environments());
        details.forEach(entry::detail);
        return entry.build();
    }
}
