package io.chartroom.reconcile.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a unit is due again: the rule the reconciler's pass applies to every unit. */
class UnitStatusTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final UnitKey KEY = new UnitKey("web", "dev", "sim-dev");
    static final List<ObjectRef> HALF = List.of(new ObjectRef("v1", "Service", "web", "web"));

    static UnitStatus status(SyncState sync, String inputHash, List<ObjectRef> pending, Instant next, FailureKind kind, String failedInputs) {
        return new UnitStatus(KEY, "rev", inputHash, sync, HealthState.UNKNOWN, "", List.of(), pending, List.of(), 1, next, null, NOW,
                null, kind, failedInputs, null);
    }

    @Test
    void aHalfAppliedUnitThatFailedOnAPassingFaultWaitsForItsBackOff() {
        UnitStatus failed = status(SyncState.FAILED, null, HALF, NOW.plusSeconds(60), FailureKind.TRANSIENT, "in-1");
        assertThat(failed.dueAt(NOW, () -> "in-1")).as("before the back-off ends").isFalse();
        assertThat(failed.dueAt(NOW.plusSeconds(61), () -> "in-1")).as("after it").isTrue();
        assertThat(failed.dueAt(NOW, () -> "in-2")).as("new inputs are tried at once").isTrue();
    }

    @Test
    void aPermanentFailureWaitsForNewInputs() {
        UnitStatus failed = status(SyncState.FAILED, null, HALF, null, FailureKind.PERMANENT, "in-1");
        assertThat(failed.dueAt(NOW.plusSeconds(86_400), () -> "in-1")).isFalse();
        assertThat(failed.dueAt(NOW, () -> "in-2")).isTrue();
        assertThat(status(SyncState.FAILED, null, HALF, null, FailureKind.CONFLICT, "in-1").dueAt(NOW, () -> "in-1")).isFalse();
    }

    @Test
    void otherwiseNewInputsACutOffApplyOrNothingAppliedYetMakeItDue() {
        assertThat(status(SyncState.SYNCED, "in-1", null, null, null, null).dueAt(NOW, () -> "in-1")).isFalse();
        assertThat(status(SyncState.SYNCED, "in-1", null, null, null, null).dueAt(NOW, () -> "in-2")).isTrue();
        assertThat(status(SyncState.SYNCED, "in-1", HALF, null, null, null).dueAt(NOW, () -> "in-1")).as("an apply was cut off").isTrue();
        assertThat(status(SyncState.UNKNOWN, null, null, null, null, null).dueAt(NOW, () -> "in-1")).isTrue();
    }
}
