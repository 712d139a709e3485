package io.chartroom.security.config;

import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.DevUsers;
import io.chartroom.security.service.IdentityAuthorities;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;

/** Authenticates the development login's sample users, whose password is their user name. */
class DevelopmentUserAuthenticationProvider implements AuthenticationProvider {

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        UserIdentity user = DevUsers.find(name).orElse(null);
        boolean matches = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                (user == null ? "\u0000" : user.username()).getBytes(StandardCharsets.UTF_8));
        if (user == null || !matches) {
            throw new BadCredentialsException("Bad credentials");
        }
        var authorities = IdentityAuthorities.of(user.roles(), user.teams());
        User principal = new User(user.username(), "", authorities);
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
