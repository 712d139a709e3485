package io.chartroom.reconcile.domain;

import java.time.Instant;

/** One reconciliation that did something (applied, pruned, failed, healed) for the release's timeline. */
public record UnitHistoryEntry(long id, UnitKey key, String revision, SyncState sync, HealthState health, String message,
                               int applied, int pruned, long millis, Instant at) {}
