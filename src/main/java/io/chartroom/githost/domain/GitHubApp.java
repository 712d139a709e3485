package io.chartroom.githost.domain;

/**
 * A GitHub App as the Git host's credential: the app (its numeric id or client id, either is what GitHub accepts as
 * the issuer of the app's signed requests) and its installation on the repository's owner. The app's private key is
 * sealed with the host and never part of this.
 */
public record GitHubApp(String appId, long installationId) {
}
