package io.chartroom.githost.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A change request's pull/merge request on the host. {@code publishedHead}: the commit whose review the comment
 * shows; {@code lastError}: why the last publication failed (null when it worked).
 */
public record PullRequestLink(long changeRequestId, GitHostKind kind, String repository, long number, String url,
                              @Nullable Long commentId, @Nullable String publishedHead, @Nullable String lastError, Instant updatedAt) {}
