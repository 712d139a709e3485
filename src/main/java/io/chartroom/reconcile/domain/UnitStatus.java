package io.chartroom.reconcile.domain;

import java.time.Instant;
import java.util.List;

/**
 * What Chartroom knows of a unit: the revision of main last applied and the fingerprint of its inputs, sync
 * and health, the objects it applied (kept so they can be pruned), drift, and failures for back-off.
 *
 * @param inputHash        fingerprint of what was applied: the release's files, the cluster's version, resolved secrets
 * @param pendingInventory set while an apply runs: old and new objects, so a crash loses none of them
 */
public record UnitStatus(UnitKey key, String revision, String inputHash, SyncState sync, HealthState health, String message,
                         List<ObjectRef> inventory, List<ObjectRef> pendingInventory, List<String> drift, int attempts,
                         Instant nextAttemptAt, Instant lastAppliedAt, Instant updatedAt) {

    public UnitStatus {
        inventory = inventory == null ? List.of() : List.copyOf(inventory);
        drift = drift == null ? List.of() : List.copyOf(drift);
    }
}
