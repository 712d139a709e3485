package io.chartroom.security.service;

import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The sample users of the development login (password = user name). They exist only while no OIDC issuer
 * is configured.
 */
public final class DevUsers {

    private DevUsers() {}

    public static final List<UserIdentity> ALL = List.of(
            user("viewer", "Vera Viewer", Role.VIEWER),
            user("developer", "Dana Developer", Role.DEVELOPER, "payments"),
            user("developer2", "Dev Two", Role.DEVELOPER, "search"),
            user("approver", "Alex Approver", Role.APPROVER, "payments"),
            user("approver2", "Avery Approver", Role.APPROVER, "search"),
            // payments' second approver: production's two approvals can come from the owning team
            user("approver3", "Sam Approver", Role.APPROVER, "payments"),
            user("admin", "Ada Admin", Role.ADMIN, "platform"),
            // a second ADMIN: changes of the environments need an ADMIN who did not propose them
            user("admin2", "Ari Admin", Role.ADMIN, "platform"));

    public static Optional<UserIdentity> find(String username) {
        return ALL.stream().filter(u -> u.username().equals(username)).findFirst();
    }

    private static UserIdentity user(String name, String displayName, Role role, String... teams) {
        return new UserIdentity(name, displayName, role.withImplied(), new TreeSet<>(List.of(teams)));
    }
}
