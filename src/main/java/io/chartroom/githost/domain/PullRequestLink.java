package io.chartroom.githost.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A change request's pull/merge request on the host. {@code publishedHead}: the commit whose review the comment
 * shows; {@code lastError}: why the last publication failed (null when it worked); {@code hostBranch}: the host's branch of
 * a pull request opened there by hand.
 */
public record PullRequestLink(long changeRequestId, GitHostKind kind, String repository, long number, String url,
                              @Nullable Long commentId, @Nullable String publishedHead, @Nullable String lastError, Instant updatedAt,
                              @Nullable String hostBranch) {

    /** Opened by hand on the host and adopted: its branch is the host's, not Chartroom's cr/&lt;id&gt;. */
    public boolean adopted() {
        return hostBranch != null;
    }
}
