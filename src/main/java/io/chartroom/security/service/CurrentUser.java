package io.chartroom.security.service;

import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * The caller of a service method, and the checks every service method makes on it. Views and the REST API
 * are never the security boundary: services call {@link #require(Role)} or {@link #requireTeam} first.
 */
@Component
public class CurrentUser {

    private final SecurityContextHolderStrategy holder;

    /**
     * Reads the security context through this application's strategy bean (Vaadin provides one): the static
     * holder is shared by every Spring context in the JVM and would be the wrong one in tests.
     */
    public CurrentUser(ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.holder = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /** The task, run as the current caller on whichever thread runs it: the caller's rights travel with it. */
    public <T> Supplier<T> carrying(Supplier<T> task) {
        Authentication caller = holder.getContext().getAuthentication();
        return () -> {
            SecurityContext context = holder.createEmptyContext();
            context.setAuthentication(caller);
            holder.setContext(context);
            try {
                return task.get();
            } finally {
                holder.clearContext();
            }
        };
    }

    public Optional<UserIdentity> find() {
        Authentication auth = holder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(IdentityAuthorities.identity(auth));
    }

    public UserIdentity get() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("not logged in"));
    }

    /** The caller, who must hold the role (or a higher one). */
    public UserIdentity require(Role role) {
        UserIdentity user = get();
        if (!user.hasRole(role)) {
            throw new AccessDeniedException("this needs the role " + role + "; " + user.username() + " has "
                    + (user.roles().isEmpty() ? "no role" : user.highestRole()));
        }
        return user;
    }

    /** The caller, who must hold the role and belong to the team, unless they are an ADMIN. */
    public UserIdentity requireTeam(Role role, String team) {
        UserIdentity user = require(role);
        if (!user.hasRole(Role.ADMIN) && !user.inTeam(team)) {
            throw new AccessDeniedException(user.username() + " is not a member of team " + team);
        }
        return user;
    }
}
