package io.chartroom.reconcile.ui;

import io.chartroom.base.ui.Badge;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.SyncState;

/** Sync and health as badges, the same everywhere. */
final class StatusBadges {

    private StatusBadges() {}

    static Badge sync(SyncState sync) {
        Badge badge = switch (sync) {
            case SYNCED -> new Badge("Synced", Badge.Tone.SUCCESS);
            case OUT_OF_SYNC -> new Badge("Out of sync", Badge.Tone.WARNING);
            case FAILED -> new Badge("Failed", Badge.Tone.ERROR);
            case UNKNOWN -> new Badge("Applying", Badge.Tone.NEUTRAL);
            case ORPHANED -> new Badge("Orphaned", Badge.Tone.WARNING);
            case PRUNE_PENDING -> new Badge("Removal held", Badge.Tone.WARNING);
        };
        badge.addClassName("sync-" + sync.name().toLowerCase());
        return badge;
    }

    static Badge health(HealthState health) {
        Badge badge = switch (health) {
            case HEALTHY -> new Badge("Healthy", Badge.Tone.SUCCESS);
            case SUSPENDED -> new Badge("Suspended", Badge.Tone.NEUTRAL); // stopped on purpose: neither good news nor a problem
            case PROGRESSING -> new Badge("Progressing", Badge.Tone.PRIMARY);
            case DEGRADED -> new Badge("Degraded", Badge.Tone.ERROR);
            case MISSING -> new Badge("Missing", Badge.Tone.ERROR);
            case UNKNOWN -> new Badge("Unknown", Badge.Tone.NEUTRAL);
        };
        badge.addClassName("health-" + health.name().toLowerCase());
        return badge;
    }
}
