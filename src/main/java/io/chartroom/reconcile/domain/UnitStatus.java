package io.chartroom.reconcile.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Chartroom knows of a unit: the revision of main last applied and the fingerprint of its inputs, sync
 * and health, the objects it applied (kept so they can be pruned), drift, and failures for back-off.
 *
 * @param inputHash        fingerprint of what was applied: the release's files, the cluster's version, resolved secrets
 * @param pendingInventory set while an apply runs: old and new objects, so a crash loses none of them
 * @param removalConfirmedBy the ADMIN who confirmed that an orphaned or held unit's objects may be deleted
 * @param progressingSince when its objects started Progressing (the progress deadline counts from here); null when they are not
 */
public record UnitStatus(UnitKey key, String revision, String inputHash, SyncState sync, HealthState health, String message,
                         List<ObjectRef> inventory, List<ObjectRef> pendingInventory, List<String> drift, int attempts,
                         Instant nextAttemptAt, Instant lastAppliedAt, Instant updatedAt, String removalConfirmedBy,
                         FailureKind failureKind, String failedInputs, Instant progressingSince) {

    /** The objects it may have on its cluster: what an apply in progress or a failed one got to, else the inventory. */
    public int objects() {
        return pendingInventory != null ? pendingInventory.size() : inventory.size();
    }

    /** What a failed removal's message starts with: its retry waits for the back-off, a failed apply's does not hold up a removal. */
    public static final String REMOVING = "removing: ";

    public boolean removalFailed() {
        return sync == SyncState.FAILED && message != null && message.startsWith(REMOVING);
    }

    /** How many of its objects a removal would delete (namespaces stay; CRDs unless the environment prunes them). */
    public int prunableObjects(boolean pruneCrds) {
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (List<ObjectRef> refs : pendingInventory == null ? List.of(inventory) : List.of(inventory, pendingInventory)) {
            for (ObjectRef ref : refs) {
                n += ref.prunable(pruneCrds) && seen.add(ref.identity()) ? 1 : 0;
            }
        }
        return n;
    }

    public UnitStatus {
        inventory = inventory == null ? List.of() : List.copyOf(inventory);
        drift = drift == null ? List.of() : List.copyOf(drift);
    }
}
