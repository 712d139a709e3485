package io.chartroom.reconcile.service;

import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Health of one live object, by kind, as Argo CD's built-in checks judge it: rollouts complete, jobs
 * succeeded, pods running and ready, load balancers with an address, claims bound; kinds without a check are
 * healthy once they exist. A missing object is MISSING.
 */
public final class HealthAssessor {

    /** The verdict and why. */
    public record Health(HealthState state, String message) {
        static Health healthy() {
            return new Health(HealthState.HEALTHY, "");
        }
    }

    /** Kinds whose health is read from their status; the others are healthy once they exist. */
    private static final Set<String> STATUS_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "Pod",
            "Service", "PersistentVolumeClaim", "Ingress");

    private HealthAssessor() {}

    /** Whether the kind's health can change while the object exists (a rollout, a claim binding). */
    static boolean dependsOnStatus(String kind) {
        return STATUS_KINDS.contains(kind);
    }

    /** The worst health of the objects, Namespaces aside, naming the object that makes it so. */
    static Health worst(Map<ObjectRef, Map<String, Object>> live) {
        Health worst = Health.healthy();
        for (Map.Entry<ObjectRef, Map<String, Object>> e : live.entrySet()) {
            if (e.getKey().kind().equals("Namespace")) {
                continue;
            }
            Health h = assess(e.getValue());
            worst = worse(worst, h.state() == HealthState.HEALTHY ? h : new Health(h.state(), e.getKey() + ": " + h.message()));
        }
        return worst;
    }

    /** The worse of two verdicts; the first one when they are as bad. */
    static Health worse(Health a, Health b) {
        return b.state().worst(a.state()) == b.state() && b.state() != a.state() ? b : a;
    }

    public static Health assess(Map<String, Object> live) {
        if (live == null) {
            return new Health(HealthState.MISSING, "the object does not exist");
        }
        String kind = String.valueOf(live.get("kind"));
        Map<String, Object> spec = map(live.get("spec"));
        Map<String, Object> status = map(live.get("status"));
        Map<String, Object> metadata = map(live.get("metadata"));
        if (metadata.get("deletionTimestamp") != null) {
            return new Health(HealthState.PROGRESSING, "being deleted");
        }
        if (!STATUS_KINDS.contains(kind)) {
            return Health.healthy();
        }
        return switch (kind) {
            case "Deployment" -> deployment(spec, status, metadata);
            case "StatefulSet" -> statefulSet(spec, status, metadata);
            case "DaemonSet" -> daemonSet(status, metadata);
            case "Job" -> job(spec, status);
            case "Pod" -> pod(status);
            case "Service" -> service(spec, status);
            case "PersistentVolumeClaim" -> pvc(status);
            case "Ingress" -> ingress(status);
            default -> Health.healthy();
        };
    }

    private static Health deployment(Map<String, Object> spec, Map<String, Object> status, Map<String, Object> metadata) {
        if (Boolean.TRUE.equals(spec.get("paused"))) {
            return new Health(HealthState.PROGRESSING, "the rollout is paused");
        }
        Health generation = observed(status, metadata);
        if (generation != null) {
            return generation;
        }
        for (Map<String, Object> condition : conditions(status)) {
            if ("Progressing".equals(condition.get("type")) && "ProgressDeadlineExceeded".equals(condition.get("reason"))) {
                return new Health(HealthState.DEGRADED, "the rollout exceeded its progress deadline: " + condition.getOrDefault("message", ""));
            }
        }
        int desired = integer(spec.get("replicas"), 1);
        int updated = integer(status.get("updatedReplicas"), 0);
        int total = integer(status.get("replicas"), 0);
        int available = integer(status.get("availableReplicas"), 0);
        if (updated < desired) {
            return new Health(HealthState.PROGRESSING, updated + " of " + desired + " replicas updated");
        }
        if (total > updated) {
            return new Health(HealthState.PROGRESSING, (total - updated) + " old replicas are pending termination");
        }
        if (available < updated) {
            return new Health(HealthState.PROGRESSING, available + " of " + updated + " updated replicas available");
        }
        return Health.healthy();
    }

    private static Health statefulSet(Map<String, Object> spec, Map<String, Object> status, Map<String, Object> metadata) {
        Health generation = observed(status, metadata);
        if (generation != null) {
            return generation;
        }
        int desired = integer(spec.get("replicas"), 1);
        int ready = integer(status.get("readyReplicas"), 0);
        if (ready < desired) {
            return new Health(HealthState.PROGRESSING, ready + " of " + desired + " replicas ready");
        }
        Object updateRevision = status.get("updateRevision");
        if (updateRevision != null && !Objects.equals(updateRevision, status.get("currentRevision"))
                && integer(status.get("updatedReplicas"), 0) < desired) {
            return new Health(HealthState.PROGRESSING, "rolling out revision " + updateRevision);
        }
        return Health.healthy();
    }

    private static Health daemonSet(Map<String, Object> status, Map<String, Object> metadata) {
        Health generation = observed(status, metadata);
        if (generation != null) {
            return generation;
        }
        int desired = integer(status.get("desiredNumberScheduled"), 0);
        int updated = integer(status.get("updatedNumberScheduled"), 0);
        int available = integer(status.get("numberAvailable"), 0);
        if (updated < desired) {
            return new Health(HealthState.PROGRESSING, updated + " of " + desired + " pods updated");
        }
        if (available < desired) {
            return new Health(HealthState.PROGRESSING, available + " of " + desired + " pods available");
        }
        return Health.healthy();
    }

    private static Health job(Map<String, Object> spec, Map<String, Object> status) {
        for (Map<String, Object> condition : conditions(status)) {
            if ("True".equals(condition.get("status"))) {
                if ("Failed".equals(condition.get("type"))) {
                    return new Health(HealthState.DEGRADED, "the job failed: " + condition.getOrDefault("message", condition.getOrDefault("reason", "")));
                }
                if ("Complete".equals(condition.get("type"))) {
                    return Health.healthy();
                }
            }
        }
        if (Boolean.TRUE.equals(spec.get("suspend"))) {
            return new Health(HealthState.PROGRESSING, "the job is suspended");
        }
        return new Health(HealthState.PROGRESSING, integer(status.get("active"), 0) + " pods running, " + integer(status.get("succeeded"), 0)
                + " succeeded");
    }

    private static Health pod(Map<String, Object> status) {
        String phase = String.valueOf(status.getOrDefault("phase", "Pending"));
        for (Object c : list(status.get("containerStatuses"))) {
            Map<String, Object> waiting = map(map(map(c).get("state")).get("waiting"));
            Object reason = waiting.get("reason");
            if (reason != null && List.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError",
                    "InvalidImageName").contains(reason)) {
                return new Health(HealthState.DEGRADED, map(c).get("name") + ": " + reason);
            }
        }
        return switch (phase) {
            case "Succeeded" -> Health.healthy();
            case "Failed" -> new Health(HealthState.DEGRADED, "the pod failed: " + status.getOrDefault("message", status.getOrDefault("reason", "")));
            case "Running" -> conditions(status).stream().anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")))
                    ? Health.healthy() : new Health(HealthState.PROGRESSING, "running, not ready");
            default -> new Health(HealthState.PROGRESSING, "pod " + phase.toLowerCase());
        };
    }

    private static Health service(Map<String, Object> spec, Map<String, Object> status) {
        if (!"LoadBalancer".equals(spec.get("type"))) {
            return Health.healthy();
        }
        return list(map(status.get("loadBalancer")).get("ingress")).isEmpty()
                ? new Health(HealthState.PROGRESSING, "waiting for the load balancer's address") : Health.healthy();
    }

    private static Health pvc(Map<String, Object> status) {
        Object phase = status.get("phase");
        return switch (String.valueOf(phase)) {
            case "Bound" -> Health.healthy();
            case "Lost" -> new Health(HealthState.DEGRADED, "the claim lost its volume");
            default -> new Health(HealthState.PROGRESSING, "waiting for a volume (" + (phase == null ? "Pending" : phase) + ")");
        };
    }

    private static Health ingress(Map<String, Object> status) {
        return list(map(status.get("loadBalancer")).get("ingress")).isEmpty()
                ? new Health(HealthState.PROGRESSING, "waiting for an address") : Health.healthy();
    }

    /** A controller that has not seen the latest spec yet is still progressing. */
    private static Health observed(Map<String, Object> status, Map<String, Object> metadata) {
        Object generation = metadata.get("generation");
        Object observed = status.get("observedGeneration");
        if (generation != null && (observed == null || integer(observed, 0) < integer(generation, 0))) {
            return new Health(HealthState.PROGRESSING, "waiting for the controller to observe the change");
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conditions(Map<String, Object> status) {
        return list(status.get("conditions")).stream().filter(Map.class::isInstance).map(c -> (Map<String, Object>) c).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static int integer(Object value, int fallback) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return value == null ? fallback : Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
