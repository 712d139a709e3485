package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * apps/Deployment, as kubectl rollout status and Argo CD judge it: paused is SUSPENDED (a rollout stopped on
 * purpose, not one in progress); until the controller has observed the latest generation, PROGRESSING; past its
 * progress deadline, DEGRADED; otherwise PROGRESSING until every replica is updated, the old ones are gone and the
 * updated ones are available.
 */
final class DeploymentHealth extends TypedHealthCheck<Deployment> {

    DeploymentHealth() {
        super(Deployment.class);
    }

    @Override
    Health check(Deployment deployment) {
        DeploymentSpec spec = deployment.getSpec() == null ? new DeploymentSpec() : deployment.getSpec();
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        if (Boolean.TRUE.equals(spec.getPaused())) {
            return Health.suspended("the rollout is paused");
        }
        Health unobserved = unobserved(deployment, status.getObservedGeneration());
        if (unobserved != null) {
            return unobserved;
        }
        DeploymentCondition progressing = condition(status.getConditions(), DeploymentCondition::getType, "Progressing").orElse(null);
        if (progressing != null && "ProgressDeadlineExceeded".equals(progressing.getReason())) {
            return Health.degraded("the rollout exceeded its progress deadline: " + why(null, progressing.getMessage()));
        }
        // the API server defaults replicas to 1; a map without it (a fixture, a dry run) means the same
        int desired = spec.getReplicas() == null ? 1 : spec.getReplicas();
        int updated = number(status.getUpdatedReplicas());
        int total = number(status.getReplicas());
        int available = number(status.getAvailableReplicas());
        if (updated < desired) {
            return Health.progressing(updated + " of " + desired + " replicas updated");
        }
        if (total > updated) {
            return Health.progressing((total - updated) + " old replicas are pending termination");
        }
        if (available < updated) {
            return Health.progressing(available + " of " + updated + " updated replicas available");
        }
        return Health.healthy();
    }
}
