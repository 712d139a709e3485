package io.chartroom.security.service;

import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * How roles and teams travel inside Spring Security: roles as ROLE_* authorities, teams as TEAM_*
 * authorities. Every kind of login (development, OIDC, bearer JWT, personal access token) ends up with
 * the same shape, so that one {@link #identity} reads them all.
 */
public final class IdentityAuthorities {

    private static final String TEAM = "TEAM_";

    private IdentityAuthorities() {}

    public static List<GrantedAuthority> of(Set<Role> roles, Collection<String> teams) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        teams.forEach(t -> authorities.add(new SimpleGrantedAuthority(TEAM + t)));
        return authorities;
    }

    public static UserIdentity identity(Authentication auth) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        SortedSet<String> teams = new TreeSet<>();
        for (GrantedAuthority a : auth.getAuthorities()) {
            String name = a.getAuthority();
            if (name == null) {
                continue;
            }
            if (name.startsWith("ROLE_")) {
                try {
                    roles.add(Role.valueOf(name.substring(5)));
                } catch (IllegalArgumentException ignored) {
                    // not one of Chartroom's roles
                }
            } else if (name.startsWith(TEAM)) {
                teams.add(name.substring(TEAM.length()));
            }
        }
        String username = auth.getName();
        return new UserIdentity(username, displayName(auth, username), roles, teams);
    }

    private static String displayName(Authentication auth, String username) {
        Object principal = auth.getPrincipal();
        String name = switch (principal) {
            case OidcUser user -> user.getFullName();
            case Jwt jwt -> jwt.getClaimAsString("name");
            case UserIdentity identity -> identity.displayName();
            case null, default -> DevUsers.find(username).map(UserIdentity::displayName).orElse(null);
        };
        return name == null || name.isBlank() ? username : name;
    }
}
