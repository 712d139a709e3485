package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * core/Pod, as Argo CD judges it. A pod that is restarted (restartPolicy Always, the default) with a container
 * waiting on an error (CrashLoopBackOff, ImagePullBackOff, ErrImagePull, CreateContainerConfigError, ...) is
 * DEGRADED; pods that run to an end are not judged by that, since they may be hooks that a fixed image still lets
 * succeed. Then by phase: Pending PROGRESSING, Succeeded HEALTHY, Failed DEGRADED with the first reason found,
 * Running HEALTHY once ready (DEGRADED when not ready after a container terminated, PROGRESSING otherwise; pods
 * that run to an end are PROGRESSING while running); no phase or phase Unknown is UNKNOWN.
 */
final class PodHealth extends TypedHealthCheck<Pod> {

    PodHealth() {
        super(Pod.class);
    }

    @Override
    Health check(Pod pod) {
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String restartPolicy = pod.getSpec() == null || pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        boolean restarted = restartPolicy.equals("Always");
        List<ContainerStatus> containers = new ArrayList<>(list(status.getInitContainerStatuses()));
        containers.addAll(list(status.getContainerStatuses()));
        if (restarted) {
            List<String> errors = new ArrayList<>();
            for (ContainerStatus container : containers) {
                ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
                if (waiting != null && waitingOnAnError(waiting.getReason())) {
                    errors.add(container.getName() + ": " + why(waiting.getReason(), waiting.getMessage()));
                }
            }
            if (!errors.isEmpty()) {
                return Health.degraded(String.join(", ", errors));
            }
        }
        String phase = status.getPhase() == null ? "" : status.getPhase();
        return switch (phase) {
            case "Pending" -> Health.progressing("pod pending" + (blank(status.getMessage()) ? "" : ": " + status.getMessage()));
            case "Succeeded" -> Health.healthy();
            case "Failed" -> Health.degraded("the pod failed: " + failure(status, containers));
            case "Running" -> running(status, containers, restarted);
            default -> Health.unknown(phase.isEmpty() ? "the pod reports no phase" : "the pod's phase is " + phase
                    + (blank(status.getMessage()) ? "" : ": " + status.getMessage()));
        };
    }

    private static Health running(PodStatus status, List<ContainerStatus> containers, boolean restarted) {
        if (!restarted) {
            return Health.progressing("running to its end");
        }
        boolean ready = list(status.getConditions()).stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        if (ready) {
            return Health.healthy();
        }
        for (ContainerStatus container : containers) {
            if (container.getLastState() != null && container.getLastState().getTerminated() != null) {
                ContainerStateTerminated last = container.getLastState().getTerminated();
                return Health.degraded("not ready, " + container.getName() + " restarted after " + terminated(last));
            }
        }
        return Health.progressing("running, not ready");
    }

    /** Kubelet's error reasons: ErrImagePull, InvalidImageName, CreateContainerConfigError, CrashLoopBackOff, ... */
    private static boolean waitingOnAnError(String reason) {
        return reason != null && (reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff")
                || reason.equals("InvalidImageName"));
    }

    private static String failure(PodStatus status, List<ContainerStatus> containers) {
        if (!blank(status.getMessage())) {
            return why(status.getReason(), status.getMessage());
        }
        for (ContainerStatus container : containers) {
            ContainerStateTerminated end = container.getState() == null ? null : container.getState().getTerminated();
            if (end != null && (number(end.getExitCode()) != 0 || !blank(end.getMessage()) || "OOMKilled".equals(end.getReason()))) {
                return container.getName() + " " + terminated(end);
            }
        }
        return blank(status.getReason()) ? "no reason given" : status.getReason();
    }

    private static String terminated(ContainerStateTerminated end) {
        String exit = "exit code " + number(end.getExitCode());
        String reason = why(end.getReason(), end.getMessage());
        return reason.isEmpty() ? exit : exit + " (" + reason + ")";
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
