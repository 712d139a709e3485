package io.chartroom.reconcile.ui;

import io.chartroom.base.ui.Badge;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.SyncState;

/** Sync and health as badges, the same everywhere. */
final class StatusBadges {

    private StatusBadges() {}

    static Badge sync(SyncState sync) {
        Badge badge = new Badge(sync.label(), switch (sync) {
            case SYNCED -> Badge.Tone.SUCCESS;
            case FAILED -> Badge.Tone.ERROR;
            case UNKNOWN -> Badge.Tone.NEUTRAL;
            case OUT_OF_SYNC, ORPHANED, PRUNE_PENDING -> Badge.Tone.WARNING;
        });
        badge.addClassName("sync-" + sync.name().toLowerCase());
        return badge;
    }

    static Badge health(HealthState health) {
        Badge badge = new Badge(health.label(), switch (health) {
            case HEALTHY -> Badge.Tone.SUCCESS;
            case SUSPENDED, UNKNOWN -> Badge.Tone.NEUTRAL; // suspended: stopped on purpose, neither good news nor a problem
            case PROGRESSING -> Badge.Tone.PRIMARY;
            case DEGRADED, MISSING -> Badge.Tone.ERROR;
        });
        badge.addClassName("health-" + health.name().toLowerCase());
        return badge;
    }
}
