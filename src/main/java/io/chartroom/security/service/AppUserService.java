package io.chartroom.security.service;

import io.chartroom.security.domain.AppUser;
import io.chartroom.security.domain.AppUserRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.base.event.AuditEntry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** The users Chartroom has seen, with the roles and teams their last login gave them. */
@Service
public class AppUserService {

    private final AppUserRepository users;
    private final ApplicationEventPublisher events;
    private final CurrentUser currentUser;
    private final Clock clock;

    public AppUserService(AppUserRepository users, CurrentUser currentUser, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** Called by the login listener with the identity that just logged in. */
    void recordLogin(UserIdentity identity, String email, String source) {
        auditRoleChange(identity);
        users.recordLogin(identity, email, source, clock.instant());
    }

    /**
     * Roles and teams come from the identity provider at each login; when they differ from the last login, that
     * is a role change, and it is audited (the first login of a user is not a change).
     */
    void auditRoleChange(UserIdentity identity) {
        users.find(identity.username()).ifPresent(before -> {
            Set<String> oldRoles = new TreeSet<>(before.roles().stream().map(Enum::name).toList());
            Set<String> newRoles = new TreeSet<>(identity.roles().stream().map(Enum::name).toList());
            Set<String> oldTeams = new TreeSet<>(before.teams());
            Set<String> newTeams = new TreeSet<>(identity.teams());
            if (!oldRoles.equals(newRoles) || !oldTeams.equals(newTeams)) {
                events.publishEvent(AuditEntry.of("user.roles_changed", identity.username())
                        .target("user", identity.username())
                        .detail("rolesBefore", List.copyOf(oldRoles)).detail("roles", List.copyOf(newRoles))
                        .detail("teamsBefore", List.copyOf(oldTeams)).detail("teams", List.copyOf(newTeams)).build());
            }
        });
    }

    public List<AppUser> all() {
        currentUser.require(Role.ADMIN);
        return users.findAll();
    }
}
