package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import java.util.Objects;

/**
 * apps/StatefulSet, as kubectl rollout status and Argo CD judge it: observed by its controller, every replica ready,
 * and the update rolled out (down to the partition of a partitioned rolling update; OnDelete sets are done once
 * ready, since their pods change only when someone deletes them).
 */
final class StatefulSetHealth extends TypedHealthCheck<StatefulSet> {

    StatefulSetHealth() {
        super(StatefulSet.class);
    }

    @Override
    Health check(StatefulSet set) {
        StatefulSetSpec spec = set.getSpec() == null ? new StatefulSetSpec() : set.getSpec();
        StatefulSetStatus status = set.getStatus();
        // unlike a Deployment's, a status never observed is not yet one (generation 0 is no answer here)
        if (status == null || number(status.getObservedGeneration()) == 0) {
            return Health.progressing("waiting for the controller to observe the StatefulSet");
        }
        Health unobserved = unobserved(set, status.getObservedGeneration());
        if (unobserved != null) {
            return unobserved;
        }
        int desired = spec.getReplicas() == null ? 1 : spec.getReplicas();
        int ready = number(status.getReadyReplicas());
        if (ready < desired) {
            return Health.progressing(ready + " of " + desired + " replicas ready");
        }
        StatefulSetUpdateStrategy strategy = spec.getUpdateStrategy();
        if (strategy != null && "OnDelete".equals(strategy.getType())) {
            return Health.healthy();
        }
        RollingUpdateStatefulSetStrategy rolling = strategy == null ? null : strategy.getRollingUpdate();
        int updated = number(status.getUpdatedReplicas());
        if (rolling != null && rolling.getPartition() != null) { // the API server sets partition 0 by default
            int partition = rolling.getPartition();
            int toUpdate = desired - partition;
            return updated < toUpdate ? Health.progressing(updated + " of " + toUpdate + " replicas updated"
                    + (partition > 0 ? " (partition " + partition + ")" : "")) : Health.healthy();
        }
        String revision = status.getUpdateRevision();
        if (revision != null && !Objects.equals(revision, status.getCurrentRevision()) && updated < desired) {
            return Health.progressing(updated + " of " + desired + " replicas at revision " + revision);
        }
        return Health.healthy();
    }
}
