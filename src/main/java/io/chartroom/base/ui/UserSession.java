package io.chartroom.base.ui;

/**
 * What the main layout needs to know about the signed-in user. Implemented by the security feature, so that
 * the shared layout does not depend on any feature.
 */
public interface UserSession {

    String displayName();

    /** A short line such as "ADMIN · team platform". */
    String accessSummary();

    /** True while the development login with sample users is active (no OIDC issuer configured). */
    boolean developmentLogin();

    void logout();
}
