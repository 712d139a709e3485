package io.chartroom.reconcile.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

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

    /**
     * Whether the unit needs work now, given the fingerprint of its current inputs: a failed unit when its inputs
     * changed (at once) or, for a passing fault, once its back-off is over, even when it got half-way (a permanent
     * failure waits for new inputs or Sync now); otherwise when it was never applied, an apply was cut off, an
     * orphan is selected again, or its inputs changed.
     */
    public boolean dueAt(Instant now, Supplier<String> inputs) {
        if (sync == SyncState.FAILED) {
            return failedInputs != null && !inputs.get().equals(failedInputs)
                    || (failureKind == null || failureKind.retried()) && (nextAttemptAt == null || !nextAttemptAt.isAfter(now));
        }
        if (heldPrune() && removalConfirmedBy == null) {
            return !inputs.get().equals(inputHash); // applied, its prune waits for an ADMIN: nothing to do until then
        }
        if (inputHash == null || pendingInventory != null || sync.awaitsConfirmation()) {
            return true;
        }
        return !inputs.get().equals(inputHash);
    }

    /**
     * An applied unit whose prune waits for an ADMIN (the change would delete too many objects at once): its old
     * objects are still pending. A unit held as a whole (a removed release, an orphan) has no pending inventory.
     */
    public boolean heldPrune() {
        return sync == SyncState.PRUNE_PENDING && pendingInventory != null && inputHash != null;
    }

    /** Of a held prune, the objects the change dropped that are still on the cluster. */
    public List<ObjectRef> dropped() {
        if (pendingInventory == null) {
            return List.of();
        }
        Set<String> kept = new HashSet<>();
        inventory.forEach(r -> kept.add(r.identity()));
        return pendingInventory.stream().filter(r -> !kept.contains(r.identity())).toList();
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
