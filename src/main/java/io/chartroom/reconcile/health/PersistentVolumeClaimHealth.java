package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/**
 * core/PersistentVolumeClaim, as Argo CD judges it: Bound is HEALTHY, Pending PROGRESSING (no volume yet, or one
 * that waits for its first consumer), Lost DEGRADED (its volume is gone); a phase the API does not define, or none,
 * is UNKNOWN.
 */
final class PersistentVolumeClaimHealth extends TypedHealthCheck<PersistentVolumeClaim> {

    PersistentVolumeClaimHealth() {
        super(PersistentVolumeClaim.class);
    }

    @Override
    Health check(PersistentVolumeClaim claim) {
        String phase = claim.getStatus() == null ? null : claim.getStatus().getPhase();
        if (phase == null) {
            return Health.unknown("the claim reports no phase");
        }
        return switch (phase) {
            case "Bound" -> Health.healthy();
            case "Pending" -> Health.progressing("waiting for a volume (Pending)");
            case "Lost" -> Health.degraded("the claim lost its volume");
            default -> Health.unknown("the claim's phase is " + phase);
        };
    }
}
