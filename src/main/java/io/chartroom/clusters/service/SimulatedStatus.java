package io.chartroom.clusters.service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a simulated cluster's controllers and kubelet would have written into an object's status by the time it
 * is read: Deployments, StatefulSets and DaemonSets rolled out, Jobs complete, pods that are not restarted run
 * to their end and the others running, LoadBalancer Services and Ingresses with an address, claims bound, CRDs
 * Established. A simulated cluster runs no containers, so a chart or a test says how a workload ends with
 * {@link #OUTCOME} instead.
 */
final class SimulatedStatus {

    /**
     * On a Job's pod template or on a Pod: "failed" makes it fail as one whose container exits non-zero would;
     * on a Deployment's pod template: "stalled" makes its new pods never become ready (a rollout that is stuck).
     */
    static final String OUTCOME = "chartroom.io/simulated-outcome";
    /** On a failing Pod: what its container wrote as its termination message. */
    static final String MESSAGE = "chartroom.io/simulated-message";
    private static final String FAILED = "failed";
    private static final String STALLED = "stalled";

    private SimulatedStatus() {}

    static String kindOfListItem(ObjectNode list) {
        String kind = list.path("kind").asString("");
        return kind.endsWith("List") ? kind.substring(0, kind.length() - 4) : kind;
    }

    static void complete(ObjectNode o, String listKind) {
        String kind = o.path("kind").asString(listKind);
        long generation = o.path("metadata").path("generation").asLong(1);
        int replicas = o.path("spec").path("replicas").asInt(1);
        String templateOutcome = o.path("spec").path("template").path("metadata").path("annotations").path(OUTCOME).asString("");
        switch (kind) {
            case "Deployment", "StatefulSet" -> {
                // a stuck rollout: the new pods exist and never become ready
                int ready = STALLED.equals(templateOutcome) ? 0 : replicas;
                o.putObject("status").put("observedGeneration", generation).put("replicas", replicas)
                        .put("readyReplicas", ready).put("availableReplicas", ready).put("updatedReplicas", replicas)
                        .put("currentReplicas", replicas);
            }
            case "ReplicaSet" -> o.putObject("status").put("observedGeneration", generation).put("replicas", replicas)
                    .put("readyReplicas", replicas).put("availableReplicas", replicas);
            case "HorizontalPodAutoscaler" -> o.putObject("status").putArray("conditions").addObject().put("type", "AbleToScale")
                    .put("status", "True").put("reason", "ReadyForNewScale");
            case "APIService" -> o.putObject("status").putArray("conditions").addObject().put("type", "Available")
                    .put("status", "True").put("reason", "Passed");
            case "DaemonSet" -> o.putObject("status").put("observedGeneration", generation).put("desiredNumberScheduled", 1)
                    .put("currentNumberScheduled", 1).put("numberReady", 1).put("updatedNumberScheduled", 1).put("numberAvailable", 1);
            case "Job" -> job(o, FAILED.equals(templateOutcome));
            case "Pod" -> pod(o);
            case "Ingress" -> o.putObject("status").putObject("loadBalancer").putArray("ingress").addObject().put("ip", "127.0.0.1");
            case "Service" -> {
                if ("LoadBalancer".equals(o.path("spec").path("type").asString(""))) {
                    o.putObject("status").putObject("loadBalancer").putArray("ingress").addObject().put("ip", "127.0.0.1");
                }
            }
            case "PersistentVolumeClaim" -> o.putObject("status").put("phase", "Bound");
            case "CustomResourceDefinition" -> {
                ArrayNode conditions = o.putObject("status").putArray("conditions");
                conditions.addObject().put("type", "NamesAccepted").put("status", "True");
                conditions.addObject().put("type", "Established").put("status", "True");
            }
            default -> { }
        }
    }

    private static void job(ObjectNode o, boolean fails) {
        if (failed(o)) {
            return; // failed as the job controller would set it: it stays so
        }
        if (fails) {
            ObjectNode status = o.putObject("status").put("failed", 1);
            status.putArray("conditions").addObject().put("type", "Failed").put("status", "True")
                    .put("reason", "BackoffLimitExceeded").put("message", "Job has reached the specified backoff limit");
            return;
        }
        ObjectNode status = o.putObject("status").put("succeeded", 1);
        status.putArray("conditions").addObject().put("type", "Complete").put("status", "True");
    }

    private static void pod(ObjectNode o) {
        if ("Failed".equals(o.path("status").path("phase").asString(""))) {
            return;
        }
        JsonNode annotations = o.path("metadata").path("annotations");
        String restart = o.path("spec").path("restartPolicy").asString("Always");
        if (FAILED.equals(annotations.path(OUTCOME).asString("")) && !restart.equals("Always")) {
            // as the kubelet reports a container that exited non-zero, with what it wrote to its termination log
            ObjectNode status = o.putObject("status").put("phase", "Failed");
            status.putArray("conditions").addObject().put("type", "Ready").put("status", "False").put("reason", "PodCompleted");
            ArrayNode containers = status.putArray("containerStatuses");
            for (JsonNode container : o.path("spec").path("containers")) {
                ObjectNode terminated = containers.addObject().put("name", container.path("name").asString("")).put("ready", false)
                        .putObject("state").putObject("terminated").put("exitCode", 1).put("reason", "Error");
                if (!annotations.path(MESSAGE).asString("").isEmpty()) {
                    terminated.put("message", annotations.path(MESSAGE).asString(""));
                }
            }
            return;
        }
        // a pod that is not restarted runs to its end (a hook, a test); the others keep running
        ObjectNode status = o.putObject("status").put("phase", restart.equals("Always") ? "Running" : "Succeeded");
        status.putArray("conditions").addObject().put("type", "Ready").put("status", restart.equals("Always") ? "True" : "False");
    }

    private static boolean failed(ObjectNode o) {
        for (JsonNode condition : o.path("status").path("conditions")) {
            if ("Failed".equals(condition.path("type").asString("")) && "True".equals(condition.path("status").asString(""))) {
                return true;
            }
        }
        return false;
    }
}
