package io.chartroom.security.domain;

import java.time.Instant;
import java.util.Set;
import java.util.SortedSet;

/**
 * A user Chartroom has seen log in, with the roles and teams their last login gave them. Personal access
 * tokens act with these roles, so a user's tokens follow the identity provider's mapping at their last login.
 */
public record AppUser(
        String username,
        String displayName,
        String email,
        Set<Role> roles,
        SortedSet<String> teams,
        String source,
        Instant firstSeenAt,
        Instant lastLoginAt) {

    public UserIdentity identity() {
        return new UserIdentity(username, displayName, roles, teams);
    }
}
