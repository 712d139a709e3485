package io.chartroom.notifications.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One notification to one target: pending (with its next attempt), delivered, or failed for good. */
public record Delivery(long id, long targetId, String targetName, String event, String title, Status status, int attempts,
                       @Nullable Integer lastResponse, @Nullable String lastError, Instant createdAt, @Nullable Instant nextAttemptAt,
                       @Nullable Instant deliveredAt) {

    public enum Status { PENDING, DELIVERED, FAILED }
}
