package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.APIServiceCondition;

/**
 * apiregistration.k8s.io/APIService, as Argo CD judges it: HEALTHY once Available, PROGRESSING otherwise with the
 * aggregator's reason (a backend that never answers turns DEGRADED at the progress deadline, like any rollout).
 */
final class APIServiceHealth extends TypedHealthCheck<APIService> {

    APIServiceHealth() {
        super(APIService.class);
    }

    @Override
    Health check(APIService service) {
        APIServiceCondition available = service.getStatus() == null ? null
                : condition(service.getStatus().getConditions(), APIServiceCondition::getType, "Available").orElse(null);
        if (available == null) {
            return Health.progressing("waiting for the aggregator to check the service");
        }
        String why = why(available.getReason(), available.getMessage());
        return "True".equals(available.getStatus()) ? Health.healthy(why) : Health.progressing("not available: " + why);
    }
}
