package io.chartroom.changes.domain;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An approval of a change request's head commit, with the roles and teams the approver held then (a later
 * change of their groups does not rewrite history). Dismissed when a new commit arrives.
 */
public record Approval(long id, long changeRequestId, String approver, Set<String> roles, Set<String> teams,
                       String headCommit, Instant createdAt, @Nullable Instant dismissedAt,
                       @Nullable String dismissedReason) {

    public boolean active() {
        return dismissedAt == null;
    }
}
