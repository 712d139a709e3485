package io.chartroom.security.config;

import io.chartroom.base.settings.InvalidSettingException;
import io.chartroom.security.service.GroupAccessMapper;
import io.chartroom.security.service.IdentityAuthorities;
import io.chartroom.security.service.SecuritySettings;
import io.chartroom.security.service.UnmappedUserException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * Login through an OpenID Connect provider. The provider's discovery document is read at startup; an
 * issuer that does not answer stops the portal with a message naming the setting.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LoginMode.OidcConfigured.class)
class OidcConfiguration {

    static final String REGISTRATION_ID = "oidc";
    private static final String ISSUER_SETTING = "chartroom.security.oidc.issuer-uri (CHARTROOM_OIDC_ISSUER_URI)";

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(SecuritySettings settings) {
        SecuritySettings.Oidc oidc = settings.oidc();
        if (!StringUtils.hasText(oidc.clientId())) {
            throw new InvalidSettingException("chartroom.security.oidc.client-id (CHARTROOM_OIDC_CLIENT_ID)",
                    "a client id is required when an OIDC issuer is configured");
        }
        ClientRegistration.Builder builder;
        try {
            builder = ClientRegistrations.fromIssuerLocation(oidc.issuerUri());
        } catch (RuntimeException e) {
            throw new InvalidSettingException(ISSUER_SETTING, "the issuer " + oidc.issuerUri()
                    + " did not answer its OpenID Connect discovery request: " + rootMessage(e), e);
        }
        return new InMemoryClientRegistrationRepository(builder
                .registrationId(REGISTRATION_ID)
                .clientId(oidc.clientId())
                .clientSecret(oidc.clientSecret())
                .clientName(oidc.displayName())
                .scope(oidc.scopes())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .build());
    }

    /** Verifies bearer JWTs for the API: signature by the issuer's keys, issuer, expiry and audience. */
    @Bean
    JwtDecoder jwtDecoder(ClientRegistrationRepository registrations, SecuritySettings settings) {
        ClientRegistration registration = registrations.findByRegistrationId(REGISTRATION_ID);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri()).build();
        Object issuer = registration.getProviderDetails().getConfigurationMetadata().getOrDefault("issuer", settings.oidc().issuerUri());
        String audience = StringUtils.hasText(settings.oidc().audience()) ? settings.oidc().audience() : settings.oidc().clientId();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer.toString()),
                jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                                "the token's audience does not include " + audience, null))));
        return decoder;
    }

    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService(GroupAccessMapper mapper, SecuritySettings settings) {
        OidcUserService delegate = new OidcUserService();
        SecuritySettings.Oidc oidc = settings.oidc();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Map<String, Object> claims = user.getClaims();
            String nameClaim = claims.get(oidc.usernameClaim()) != null ? oidc.usernameClaim() : "sub";
            Collection<String> groups = groups(claims.get(oidc.groupsClaim()));
            GroupAccessMapper.Access access = mapper.map(groups);
            if (access.isEmpty()) {
                throw new UnmappedUserException(String.valueOf(claims.get(nameClaim)), groups);
            }
            return new DefaultOidcUser(IdentityAuthorities.of(access.roles(), access.teams()),
                    user.getIdToken(), user.getUserInfo(), nameClaim);
        };
    }

    /** Maps a verified bearer JWT to roles and teams the same way as an interactive OIDC login. */
    static JwtAuthenticationToken jwtAuthentication(Jwt jwt, GroupAccessMapper mapper, SecuritySettings.Oidc oidc) {
        GroupAccessMapper.Access access = mapper.map(groups(jwt.getClaims().get(oidc.groupsClaim())));
        String name = jwt.getClaimAsString(oidc.usernameClaim());
        return new JwtAuthenticationToken(jwt, IdentityAuthorities.of(access.roles(), access.teams()),
                name != null ? name : jwt.getSubject());
    }

    static Collection<String> groups(Object claim) {
        return switch (claim) {
            case Collection<?> c -> c.stream().map(String::valueOf).toList();
            case String s when !s.isBlank() -> List.of(s.split("[,\\s]+"));
            case null, default -> List.of();
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
