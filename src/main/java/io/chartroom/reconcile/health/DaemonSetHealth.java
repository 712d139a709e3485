package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;

/**
 * apps/DaemonSet, as kubectl rollout status and Argo CD judge it: observed by its controller, a pod updated and
 * available on every node that should run one; OnDelete sets are done once observed, their pods change only when
 * someone deletes them.
 */
final class DaemonSetHealth extends TypedHealthCheck<DaemonSet> {

    DaemonSetHealth() {
        super(DaemonSet.class);
    }

    @Override
    Health check(DaemonSet set) {
        DaemonSetStatus status = set.getStatus() == null ? new DaemonSetStatus() : set.getStatus();
        Health unobserved = unobserved(set, status.getObservedGeneration());
        if (unobserved != null) {
            return unobserved;
        }
        if (set.getSpec() != null && set.getSpec().getUpdateStrategy() != null && "OnDelete".equals(set.getSpec().getUpdateStrategy().getType())) {
            return Health.healthy();
        }
        int desired = number(status.getDesiredNumberScheduled());
        int updated = number(status.getUpdatedNumberScheduled());
        int available = number(status.getNumberAvailable());
        if (updated < desired) {
            return Health.progressing(updated + " of " + desired + " pods updated");
        }
        if (available < desired) {
            return Health.progressing(available + " of " + desired + " pods available");
        }
        return Health.healthy();
    }
}
