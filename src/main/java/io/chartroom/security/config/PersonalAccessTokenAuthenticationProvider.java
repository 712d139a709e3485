package io.chartroom.security.config;

import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.ApiTokenService;
import io.chartroom.security.service.IdentityAuthorities;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates bearer tokens that are personal access tokens (crp_...). Other bearer tokens are left to
 * the JWT provider, when an issuer is configured.
 */
class PersonalAccessTokenAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokenService tokens;
    private final boolean onlyProvider;

    PersonalAccessTokenAuthenticationProvider(ApiTokenService tokens, boolean onlyProvider) {
        this.tokens = tokens;
        this.onlyProvider = onlyProvider;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String secret = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (!secret.startsWith(ApiTokenService.PREFIX) && !onlyProvider) {
            return null;
        }
        return tokens.authenticate(secret)
                .map(PersonalAccessTokenAuthentication::new)
                .orElseThrow(() -> new BadCredentialsException("the token is unknown, expired or revoked"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** A request authenticated by a personal access token; acts as the token owner's identity. */
    static final class PersonalAccessTokenAuthentication extends AbstractAuthenticationToken {
        private final UserIdentity identity;

        PersonalAccessTokenAuthentication(UserIdentity identity) {
            super(IdentityAuthorities.of(identity.roles(), identity.teams()));
            this.identity = identity;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return identity;
        }

        @Override
        public String getName() {
            return identity.username();
        }
    }
}
