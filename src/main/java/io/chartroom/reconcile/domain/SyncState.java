package io.chartroom.reconcile.domain;

/**
 * Whether a unit's cluster holds what main describes. ORPHANED: main still runs the release in the environment, but
 * the environment no longer selects the cluster; PRUNE_PENDING: removing it would delete more objects at once than
 * allowed. Either way its objects stay until an ADMIN confirms their removal.
 */
public enum SyncState { SYNCED, OUT_OF_SYNC, FAILED, UNKNOWN, ORPHANED, PRUNE_PENDING;

    /** The word every page uses for it (badges, the releases list, the pipeline). */
    public String label() {
        return switch (this) {
            case SYNCED -> "Synced";
            case OUT_OF_SYNC -> "Out of sync";
            case FAILED -> "Failed";
            case UNKNOWN -> "Applying";
            case ORPHANED -> "Orphaned";
            case PRUNE_PENDING -> "Removal held";
        };
    }

    /** Waiting for an ADMIN before anything is deleted. */
    public boolean awaitsConfirmation() {
        return this == ORPHANED || this == PRUNE_PENDING;
    }
}
