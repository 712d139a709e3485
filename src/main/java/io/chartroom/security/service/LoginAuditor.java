package io.chartroom.security.service;

import io.chartroom.base.event.AuditEntry;
import io.chartroom.security.domain.UserIdentity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Turns Spring Security's login, failed login and logout events into audit entries, and remembers each user
 * who logs in (with their roles and teams) for personal access tokens and the admin views. Per-request API
 * authentications are not logins and are not recorded; failed ones are.
 */
@Component
class LoginAuditor {

    private final AppUserService users;
    private final ApplicationEventPublisher events;

    LoginAuditor(AppUserService users, ApplicationEventPublisher events) {
        this.users = users;
        this.events = events;
    }

    @EventListener
    public void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        UserIdentity identity = IdentityAuthorities.identity(auth);
        boolean oidc = auth instanceof OAuth2AuthenticationToken;
        String email = auth.getPrincipal() instanceof OidcUser u ? u.getEmail() : null;
        users.recordLogin(identity, email, oidc ? "OIDC" : "DEV");
        events.publishEvent(AuditEntry.of("auth.login", identity.username())
                .target("user", identity.username())
                .detail("method", oidc ? "oidc" : "development login")
                .detail("roles", identity.roles().stream().map(Enum::name).sorted().toList())
                .detail("teams", identity.teams().stream().toList())
                .source(address(auth))
                .build());
    }

    @EventListener
    public void loginFailed(AbstractAuthenticationFailureEvent event) {
        Authentication auth = event.getAuthentication();
        String attempted;
        String tokenHint = null;
        if (auth instanceof BearerTokenAuthenticationToken bearer) {
            // the name of a bearer authentication is the token itself: never record it
            attempted = "anonymous";
            tokenHint = bearer.getToken().startsWith(ApiTokenService.PREFIX) && bearer.getToken().length() > 10
                    ? bearer.getToken().substring(0, 10) + "…" : "JWT";
        } else if (event.getException() instanceof UnmappedUserException unmapped) {
            attempted = unmapped.username();
        } else {
            attempted = auth == null || auth.getName() == null || auth.getName().isBlank() ? "unknown" : auth.getName();
        }
        String reason = event.getException() instanceof OAuth2AuthenticationException o && o.getError().getDescription() != null
                ? o.getError().getDescription()
                : event.getException().getMessage();
        events.publishEvent(AuditEntry.of("auth.login", attempted)
                .target("user", attempted)
                .failed(reason)
                .detail("method", method(auth))
                .detail("token", tokenHint)
                .source(address(auth))
                .build());
    }

    @EventListener
    public void loggedOut(LogoutSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        events.publishEvent(AuditEntry.of("auth.logout", auth.getName())
                .target("user", auth.getName())
                .build());
    }

    private static String method(Authentication auth) {
        if (auth == null) {
            return "unknown";
        }
        if (auth instanceof BearerTokenAuthenticationToken) {
            return "bearer token";
        }
        String type = auth.getClass().getSimpleName();
        return switch (type) {
            case "UsernamePasswordAuthenticationToken" -> "password";
            default -> type.startsWith("OAuth2") ? "oidc" : type;
        };
    }

    private static String address(Authentication auth) {
        return auth != null && auth.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    }
}
