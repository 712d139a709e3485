package io.chartroom.githost.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The configured Git host as anyone may see it: never its token or webhook secret, only whether one is set.
 * {@code countHostReviews}: an approval on the host by a login that is a Chartroom user's name counts as theirs.
 * {@code app}: the GitHub App Chartroom acts as; null when it signs in with a token.
 */
public record GitHost(GitHostKind kind, String apiUrl, String repository, String updatedBy, Instant updatedAt, boolean webhookSecretSet,
                      boolean countHostReviews, @Nullable GitHubApp app) {

    /** The repository's owner (user, organisation or group path) and name. */
    public String owner() {
        return repository.substring(0, repository.lastIndexOf('/'));
    }

    public String name() {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }
}
