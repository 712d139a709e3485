package io.chartroom.security.service;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login and authorization settings (chartroom.security.*).
 *
 * @param oidc          the OpenID Connect provider; without an issuer the development login is active
 * @param defaultRole   the role of an OIDC user none of whose groups is mapped; empty: such users are refused
 * @param groupMappings identity-provider groups to Chartroom roles and teams
 * @param maxTokenDays  the longest lifetime a personal access token may have
 */
@ConfigurationProperties("chartroom.security")
public record SecuritySettings(
        @DefaultValue Oidc oidc,
        String defaultRole,
        List<GroupMapping> groupMappings,
        @DefaultValue("365") int maxTokenDays) {

    public SecuritySettings {
        groupMappings = groupMappings == null ? List.of() : List.copyOf(groupMappings);
    }

    public boolean oidcEnabled() {
        return oidc.issuerUri() != null && !oidc.issuerUri().isBlank();
    }

    /**
     * @param groupsClaim   the ID token / access token claim that lists the user's groups
     * @param usernameClaim the claim used as the Chartroom user name (falls back to sub)
     * @param audience      required "aud" of bearer tokens for the API (default: the client id)
     */
    public record Oidc(
            String issuerUri,
            String clientId,
            String clientSecret,
            @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
            @DefaultValue("groups") String groupsClaim,
            @DefaultValue("preferred_username") String usernameClaim,
            String audience,
            @DefaultValue("Single sign-on") String displayName) {}

    /** Members of {@code group} get these roles and belong to these teams. */
    public record GroupMapping(String group, List<String> roles, List<String> teams) {
        public GroupMapping {
            roles = roles == null ? List.of() : List.copyOf(roles);
            teams = teams == null ? List.of() : List.copyOf(teams);
        }
    }
}
