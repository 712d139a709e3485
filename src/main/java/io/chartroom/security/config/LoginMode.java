package io.chartroom.security.config;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** OIDC when an issuer is configured; otherwise the development login with sample users. */
public enum LoginMode {
    OIDC, DEVELOPMENT;

    static final String ISSUER_PROPERTY = "chartroom.security.oidc.issuer-uri";

    static LoginMode of(org.springframework.core.env.Environment env) {
        return StringUtils.hasText(env.getProperty(ISSUER_PROPERTY)) ? OIDC : DEVELOPMENT;
    }

    /** Active when an OIDC issuer is configured. */
    static class OidcConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) == OIDC;
        }
    }

    /** Active when no OIDC issuer is configured. */
    static class DevelopmentLogin implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) == DEVELOPMENT;
        }
    }
}
