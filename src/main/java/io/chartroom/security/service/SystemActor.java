package io.chartroom.security.service;

import io.chartroom.security.domain.AppUserRepository;
import io.chartroom.security.domain.UserIdentity;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs work as Chartroom itself (schedulers, the reconciler, first-start defaults): service methods see the
 * SYSTEM identity, which the audit log records as "system". Never used on behalf of a request.
 */
@Component
public class SystemActor {

    private final SecurityContextHolderStrategy holder;
    private final AppUserRepository users;

    public SystemActor(ObjectProvider<SecurityContextHolderStrategy> strategy, AppUserRepository users) {
        this.holder = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        this.users = users;
    }

    public <T> T call(Supplier<T> work) {
        return callAs(UserIdentity.SYSTEM, work);
    }

    /**
     * Runs work as a known user (the roles and teams of their last login), for what a system Chartroom trusts vouches
     * that user did: a review on the Git host by the same login. Empty for a user Chartroom does not know. Services
     * check that user's rights as for any request.
     */
    public <T> java.util.Optional<T> callAsUser(String username, Supplier<T> work) {
        return users.find(username).map(user -> callAs(user.identity(), work));
    }

    private <T> T callAs(UserIdentity identity, Supplier<T> work) {
        var authorities = IdentityAuthorities.of(identity.roles(), identity.teams());
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(identity, null, authorities));
        SecurityContext previous = holder.getContext();
        holder.setContext(context);
        try {
            return work.get();
        } finally {
            holder.setContext(previous);
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
