package io.chartroom.security.service;

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

    public SystemActor(ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.holder = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    public <T> T call(Supplier<T> work) {
        UserIdentity system = UserIdentity.SYSTEM;
        var authorities = IdentityAuthorities.of(system.roles(), system.teams());
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(system, null, authorities));
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
