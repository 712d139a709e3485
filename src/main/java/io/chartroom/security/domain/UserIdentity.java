package io.chartroom.security.domain;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who is acting: a person (from the development login, OIDC, a bearer token or a personal access token)
 * or Chartroom itself (the reconciler, schedulers).
 *
 * @param roles every role the user holds, implied ones included
 * @param teams the teams the user belongs to (releases are owned by teams)
 */
public record UserIdentity(String username, String displayName, Set<Role> roles, SortedSet<String> teams) implements java.security.Principal {

    public static final UserIdentity SYSTEM = new UserIdentity("system", "Chartroom", Role.ADMIN.withImplied(), new TreeSet<>());

    public UserIdentity {
        roles = Set.copyOf(roles);
        teams = new TreeSet<>(teams);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean inTeam(String team) {
        return teams.contains(team);
    }

    public Role highestRole() {
        return Role.highest(roles);
    }

    /** As a principal of an authentication (work run as Chartroom or as a user): the user name, not the record. */
    @Override
    public String getName() {
        return username;
    }

    public boolean isSystem() {
        return this == SYSTEM || "system".equals(username);
    }
}
