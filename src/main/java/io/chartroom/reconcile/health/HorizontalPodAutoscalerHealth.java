package io.chartroom.reconcile.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * autoscaling/HorizontalPodAutoscaler, as Argo CD judges it, from its conditions (in autoscaling/v1 the controller
 * keeps them in an annotation): DEGRADED when it cannot scale or read its metrics (AbleToScale or ScalingActive
 * False for a Failed... or Invalid... reason: FailedGetResourceMetric, InvalidSelector, ...); HEALTHY when able to
 * scale; PROGRESSING until the controller has said anything. Unlike Argo CD, a failure anywhere wins over an
 * AbleToScale listed before it. ScalingActive False for ScalingDisabled (the target scaled to zero) is no failure.
 */
final class HorizontalPodAutoscalerHealth implements HealthCheck {

    static final String V1_CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";

    /** The fields of a condition every version has (v1's annotation also has times, not needed here). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Condition(String type, String status, String reason, String message) {}

    private final TypedHealthCheck<HorizontalPodAutoscaler> v2 = new TypedHealthCheck<>(HorizontalPodAutoscaler.class) {
        @Override
        Health check(HorizontalPodAutoscaler hpa) {
            List<HorizontalPodAutoscalerCondition> conditions = hpa.getStatus() == null || hpa.getStatus().getConditions() == null
                    ? List.of() : hpa.getStatus().getConditions();
            return judge(conditions.stream().map(c -> new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage())).toList());
        }
    };

    private final TypedHealthCheck<io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler> v1 =
            new TypedHealthCheck<>(io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class) {
        @Override
        Health check(io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler hpa) {
            Map<String, String> annotations = hpa.getMetadata() == null ? null : hpa.getMetadata().getAnnotations();
            String json = annotations == null ? null : annotations.get(V1_CONDITIONS);
            if (json == null) {
                return judge(List.of());
            }
            try {
                return judge(SERIALIZATION.unmarshal(json, new TypeReference<List<Condition>>() {}));
            } catch (RuntimeException malformed) {
                return Health.unknown("cannot read the conditions in " + V1_CONDITIONS);
            }
        }
    };

    @Override
    public Health assess(Map<String, Object> live) {
        return "autoscaling/v1".equals(live.get("apiVersion")) ? v1.assess(live) : v2.assess(live);
    }

    static Health judge(List<Condition> conditions) {
        for (Condition c : conditions) {
            if (("AbleToScale".equals(c.type()) || "ScalingActive".equals(c.type())) && "False".equals(c.status()) && c.reason() != null
                    && (c.reason().startsWith("Failed") || c.reason().startsWith("Invalid"))) {
                return Health.degraded(c.type() + " is False: " + TypedHealthCheck.why(c.reason(), c.message()));
            }
        }
        for (Condition c : conditions) {
            if (("AbleToScale".equals(c.type()) || "ScalingLimited".equals(c.type())) && "True".equals(c.status())) {
                return Health.healthy(TypedHealthCheck.why(c.reason(), c.message()));
            }
        }
        return Health.progressing("waiting for the autoscaler to report");
    }
}
