package io.chartroom.reconcile.health;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Custom resources, which have no check of their own, judged by the conventions most controllers follow
 * (Kubernetes API conventions, kstatus, the common shape of Argo CD's bundled checks), in this order:
 * <ol>
 * <li>a {@code status.observedGeneration} behind {@code metadata.generation}: PROGRESSING;</li>
 * <li>{@code spec.suspend} or {@code spec.paused} true (Flux, Argo Rollouts, Cluster API): SUSPENDED;</li>
 * <li>the worse of what the conditions and {@code status.phase} say. Conditions: Stalled, Failed or Degraded
 * True is DEGRADED; Paused or Suspended True is SUSPENDED; Reconciling True is PROGRESSING; else the first of
 * Ready, Available, Established, Healthy, Succeeded: True HEALTHY, Unknown PROGRESSING, False DEGRADED (PROGRESSING
 * while a Progressing condition is True). Phases: Running, Ready, Healthy, Bound, ... HEALTHY; Pending,
 * Progressing, Provisioning, ... PROGRESSING; Failed, Error, Degraded, Lost DEGRADED; Paused, Suspended
 * SUSPENDED; Unknown UNKNOWN; any other phase says nothing.</li>
 * </ol>
 * A resource that says nothing of itself (no status, as many configuration kinds) is HEALTHY once it exists.
 */
final class ConditionsHealth implements HealthCheck {

    private static final List<String> FAILURES = List.of("Stalled", "Failed", "Degraded");
    private static final List<String> READINESS = List.of("Ready", "Available", "Established", "Healthy", "Succeeded");
    private static final Set<String> HEALTHY_PHASES = Set.of("healthy", "running", "ready", "active", "available", "bound",
            "succeeded", "complete", "completed", "established", "deployed");
    private static final Set<String> PROGRESSING_PHASES = Set.of("pending", "progressing", "provisioning", "creating", "initializing",
            "starting", "reconciling", "updating", "deploying", "scaling", "waiting", "inprogress", "terminating");
    private static final Set<String> DEGRADED_PHASES = Set.of("failed", "failure", "error", "degraded", "lost", "unhealthy");
    private static final Set<String> SUSPENDED_PHASES = Set.of("paused", "suspended");

    @Override
    public Health assess(Map<String, Object> live) {
        Map<String, Object> metadata = map(live.get("metadata"));
        Map<String, Object> spec = map(live.get("spec"));
        Map<String, Object> status = map(live.get("status"));
        Long observed = generation(status.get("observedGeneration"));
        Long generation = generation(metadata.get("generation"));
        if (observed != null && generation != null && observed < generation) {
            return Health.progressing("waiting for the controller to observe generation " + generation + " (seen: " + observed + ")");
        }
        if (Boolean.TRUE.equals(spec.get("suspend"))) {
            return Health.suspended("suspended (spec.suspend)");
        }
        if (Boolean.TRUE.equals(spec.get("paused"))) {
            return Health.suspended("paused (spec.paused)");
        }
        Health byConditions = conditions(conditionsOf(status));
        Health byPhase = phase(status);
        if (byConditions == null || byPhase == null) {
            return byConditions != null ? byConditions : byPhase != null ? byPhase : Health.healthy();
        }
        return HealthChecks.worse(byConditions, byPhase);
    }

    private static Health conditions(List<Map<String, Object>> conditions) {
        for (Map<String, Object> c : conditions) {
            if (FAILURES.contains(text(c.get("type"))) && isTrue(c)) {
                return Health.degraded(text(c.get("type")) + ": " + TypedHealthCheck.why(text(c.get("reason")), text(c.get("message"))));
            }
        }
        for (Map<String, Object> c : conditions) {
            if ((text(c.get("type")).equals("Paused") || text(c.get("type")).equals("Suspended")) && isTrue(c)) {
                return Health.suspended(text(c.get("type")).toLowerCase(Locale.ROOT) + ": "
                        + TypedHealthCheck.why(text(c.get("reason")), text(c.get("message"))));
            }
        }
        boolean progressing = conditions.stream().anyMatch(c -> (text(c.get("type")).equals("Reconciling")
                || text(c.get("type")).equals("Progressing")) && isTrue(c));
        if (conditions.stream().anyMatch(c -> text(c.get("type")).equals("Reconciling") && isTrue(c))) {
            return Health.progressing("reconciling: " + why(conditions, "Reconciling"));
        }
        for (String type : READINESS) {
            for (Map<String, Object> c : conditions) {
                if (type.equals(text(c.get("type")))) {
                    String why = TypedHealthCheck.why(text(c.get("reason")), text(c.get("message")));
                    return switch (text(c.get("status"))) {
                        case "True" -> Health.healthy(why);
                        case "False" -> progressing ? Health.progressing(type + " is False: " + why) : Health.degraded(type + " is False: " + why);
                        default -> Health.progressing(type + " is " + (text(c.get("status")).isEmpty() ? "not reported" : text(c.get("status")))
                                + (why.isEmpty() ? "" : ": " + why));
                    };
                }
            }
        }
        return null;
    }

    private static Health phase(Map<String, Object> status) {
        String phase = text(status.get("phase"));
        String message = text(status.get("message"));
        String says = "phase " + phase + (message.isEmpty() ? "" : ": " + message);
        String key = phase.toLowerCase(Locale.ROOT);
        if (HEALTHY_PHASES.contains(key)) {
            return Health.healthy(message);
        }
        if (PROGRESSING_PHASES.contains(key)) {
            return Health.progressing(says);
        }
        if (DEGRADED_PHASES.contains(key)) {
            return Health.degraded(says);
        }
        if (SUSPENDED_PHASES.contains(key)) {
            return Health.suspended(says);
        }
        return key.equals("unknown") ? Health.unknown(says) : null;
    }

    private static String why(List<Map<String, Object>> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(text(c.get("type")))).findFirst()
                .map(c -> TypedHealthCheck.why(text(c.get("reason")), text(c.get("message")))).orElse("");
    }

    /** A generation as a number; Argo Rollouts writes it as a string, older ones a hash (which says nothing here). */
    private static Long generation(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value instanceof String s && s.matches("\\d{1,18}") ? Long.valueOf(s) : null;
    }

    private static boolean isTrue(Map<String, Object> condition) {
        return "True".equals(text(condition.get("status")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conditionsOf(Map<String, Object> status) {
        return status.get("conditions") instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(c -> (Map<String, Object>) c).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
