package io.chartroom.security.service;

import io.chartroom.security.domain.AppUser;
import io.chartroom.security.domain.AppUserRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/** The users Chartroom has seen, with the roles and teams their last login gave them. */
@Service
public class AppUserService {

    private final AppUserRepository users;
    private final CurrentUser currentUser;
    private final Clock clock;

    public AppUserService(AppUserRepository users, CurrentUser currentUser, Clock clock) {
        this.users = users;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** Called by the login listener with the identity that just logged in. */
    void recordLogin(UserIdentity identity, String email, String source) {
        users.recordLogin(identity, email, source, clock.instant());
    }

    public List<AppUser> all() {
        currentUser.require(Role.ADMIN);
        return users.findAll();
    }
}
