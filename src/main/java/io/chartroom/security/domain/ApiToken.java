package io.chartroom.security.domain;

import java.time.Instant;

/** A personal access token; only its SHA-256 hash is stored, the secret is shown once at creation. */
public record ApiToken(
        long id,
        String owner,
        String name,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean isActive(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public String state(Instant now) {
        if (revokedAt != null) {
            return "Revoked";
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? "Expired" : "Active";
    }
}
