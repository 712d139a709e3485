package io.chartroom.githost.service;

import io.chartroom.base.crypto.HmacSha256;
import io.chartroom.githost.domain.GitHostKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One webhook delivery as each host sends it: its event name, its delivery id, and whether it is signed with the
 * shared secret. GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}; Gitea and Forgejo:
 * {@code X-Gitea-Signature} / {@code X-Forgejo-Signature}, the hex HMAC; GitLab: the secret itself in
 * {@code X-Gitlab-Token}. Compared in constant time.
 *
 * @param headers lower-case header names
 */
record WebhookDelivery(GitHostKind kind, Map<String, String> headers, byte[] body) {

    @Nullable String event() {
        return switch (kind) {
            case GITHUB -> headers.get("x-github-event");
            case GITLAB -> headers.get("x-gitlab-event");
            case GITEA -> headers.getOrDefault("x-gitea-event", headers.get("x-forgejo-event"));
        };
    }

    @Nullable String deliveryId() {
        return switch (kind) {
            case GITHUB -> headers.get("x-github-delivery");
            case GITLAB -> headers.getOrDefault("x-gitlab-event-uuid", headers.get("idempotency-key"));
            case GITEA -> headers.getOrDefault("x-gitea-delivery", headers.get("x-forgejo-delivery"));
        };
    }

    /** Why the delivery is not the host's, or empty when its signature (or token) matches the secret. */
    Optional<String> unverified(String secret) {
        return switch (kind) {
            case GITHUB -> matches(headers.get("x-hub-signature-256"), "sha256=" + hmac(secret), "X-Hub-Signature-256");
            case GITLAB -> matches(headers.get("x-gitlab-token"), secret, "X-Gitlab-Token");
            case GITEA -> matches(headers.getOrDefault("x-gitea-signature", headers.get("x-forgejo-signature")), hmac(secret), "X-Gitea-Signature");
        };
    }

    private static Optional<String> matches(@Nullable String given, String expected, String header) {
        if (given == null || given.isBlank()) {
            return Optional.of("no " + header + " header");
        }
        return MessageDigest.isEqual(given.strip().getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))
                ? Optional.empty() : Optional.of(header + " does not match the webhook secret");
    }

    private String hmac(String secret) {
        return HmacSha256.hex(secret, body);
    }
}
