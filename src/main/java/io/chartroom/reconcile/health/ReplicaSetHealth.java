package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;

/**
 * apps/ReplicaSet, as Argo CD judges it: observed by its controller; DEGRADED when it cannot create pods
 * (ReplicaFailure, e.g. a quota refuses them); PROGRESSING until every replica is available.
 */
final class ReplicaSetHealth extends TypedHealthCheck<ReplicaSet> {

    ReplicaSetHealth() {
        super(ReplicaSet.class);
    }

    @Override
    Health check(ReplicaSet set) {
        ReplicaSetStatus status = set.getStatus() == null ? new ReplicaSetStatus() : set.getStatus();
        Health unobserved = unobserved(set, status.getObservedGeneration());
        if (unobserved != null) {
            return unobserved;
        }
        ReplicaSetCondition failure = condition(status.getConditions(), ReplicaSetCondition::getType, "ReplicaFailure").orElse(null);
        if (failure != null && "True".equals(failure.getStatus())) {
            return Health.degraded("cannot create pods: " + why(failure.getReason(), failure.getMessage()));
        }
        int desired = set.getSpec() == null || set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        int available = number(status.getAvailableReplicas());
        return available < desired ? Health.progressing(available + " of " + desired + " replicas available") : Health.healthy();
    }
}
