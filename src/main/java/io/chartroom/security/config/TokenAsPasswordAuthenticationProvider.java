package io.chartroom.security.config;

import io.chartroom.security.service.ApiTokenService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic whose password is a personal access token, as Git clients send credentials; the user name is
 * ignored (the token says who it is). Other passwords are left to the next provider.
 */
class TokenAsPasswordAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokenService tokens;

    TokenAsPasswordAuthenticationProvider(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        String secret = credentials == null ? "" : credentials.toString();
        if (!secret.startsWith(ApiTokenService.PREFIX)) {
            return null;
        }
        return tokens.authenticate(secret)
                .map(PersonalAccessTokenAuthenticationProvider.PersonalAccessTokenAuthentication::new)
                .orElseThrow(() -> new BadCredentialsException("the token is unknown, expired or revoked"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
