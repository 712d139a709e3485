package io.chartroom.reconcile.service;

import io.chartroom.reconcile.domain.ReconcileSettings;
import io.chartroom.reconcile.plan.DesiredUnits;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.reconcile.domain.FailureKind;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Removals of units main no longer plans: a removal that failed waits for its back-off like any other attempt. */
class LeavingUnitsTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final ReconcileSettings SETTINGS = new ReconcileSettings(true, Duration.ofSeconds(60), Duration.ofSeconds(180), 4, true,
            Duration.ofSeconds(20), Duration.ofMinutes(5), Duration.ofSeconds(120), Duration.ofSeconds(300), Duration.ofMinutes(10), 20);
    static final DesiredUnits.Plan EMPTY_MAIN = new DesiredUnits.Plan("c1", List.of(), Map.of(), Map.of(), Map.of(), true);
    static final List<ObjectRef> OBJECTS = List.of(new ObjectRef("v1", "ConfigMap", "shop", "settings"));

    final LeavingUnits leaving = new LeavingUnits(null, null, SETTINGS, null, null); // nothing held here: no writes

    @Test
    void aFailedRemovalIsRetriedOnlyAfterItsBackOff() {
        UnitStatus failed = new UnitStatus(new UnitKey("shop", "dev", "sim-dev"), "rev", "in", SyncState.FAILED, HealthState.UNKNOWN,
                UnitStatus.REMOVING + "the cluster does not answer", OBJECTS, null, List.of(), 1, NOW.plusSeconds(60), NOW, NOW, null,
                FailureKind.TRANSIENT, "in", null);
        assertThat(leaving.removals(EMPTY_MAIN, List.of(failed), NOW)).as("inside the back-off").isEmpty();
        assertThat(leaving.removals(EMPTY_MAIN, List.of(failed), NOW.plusSeconds(61))).extracting(r -> r.status().key())
                .containsExactly(failed.key());
    }

    @Test
    void aUnitWhoseApplyFailedIsRemovedAtOnce() {
        UnitStatus applyFailed = new UnitStatus(new UnitKey("shop", "dev", "sim-dev"), "rev", "in", SyncState.FAILED, HealthState.UNKNOWN,
                "HTTP 500", OBJECTS, null, List.of(), 3, NOW.plusSeconds(60), NOW, NOW, null, FailureKind.TRANSIENT, "in", null);
        assertThat(leaving.removals(EMPTY_MAIN, List.of(applyFailed), NOW)).hasSize(1);
    }
}
