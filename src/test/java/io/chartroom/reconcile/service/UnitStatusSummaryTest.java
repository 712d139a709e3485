package io.chartroom.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.SyncState;
import org.junit.jupiter.api.Test;

/** What the releases list marks as needing someone: failures, drift, holds, ill health; not an apply or a rollout on its way. */
class UnitStatusSummaryTest {

    @Test
    void anApplyOrARolloutOnItsWayNeedsNobody() {
        assertThat(UnitStatusSummary.needsSomeone(SyncState.UNKNOWN, HealthState.UNKNOWN)).isFalse();
        assertThat(UnitStatusSummary.needsSomeone(SyncState.SYNCED, HealthState.PROGRESSING)).isFalse();
        assertThat(UnitStatusSummary.needsSomeone(SyncState.SYNCED, HealthState.SUSPENDED)).isFalse();
        assertThat(UnitStatusSummary.needsSomeone(SyncState.FAILED, HealthState.HEALTHY)).isTrue();
        assertThat(UnitStatusSummary.needsSomeone(SyncState.PRUNE_PENDING, HealthState.HEALTHY)).isTrue();
        assertThat(UnitStatusSummary.needsSomeone(SyncState.SYNCED, HealthState.DEGRADED)).isTrue();
    }
}
