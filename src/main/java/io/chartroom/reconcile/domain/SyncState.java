package io.chartroom.reconcile.domain;

/**
 * Whether a unit's cluster holds what main describes. ORPHANED: main still runs the release in the environment, but
 * the environment no longer selects the cluster; PRUNE_PENDING: removing it would delete more objects at once than
 * allowed. Either way its objects stay until an ADMIN confirms their removal.
 */
public enum SyncState { SYNCED, OUT_OF_SYNC, FAILED, UNKNOWN, ORPHANED, PRUNE_PENDING;

    /** Waiting for an ADMIN before anything is deleted. */
    public boolean awaitsConfirmation() {
        return this == ORPHANED || this == PRUNE_PENDING;
    }
}
