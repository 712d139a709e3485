package io.chartroom.reconcile.sync;

import io.chartroom.reconcile.cluster.KubeObjects;
import io.chartroom.reconcile.plan.DesiredObjects;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.health.Health;
import io.chartroom.reconcile.health.HealthChecks;
import io.chartroom.render.service.HelmDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a release's Helm hooks of one phase as Helm install does (and Argo CD maps them): in order of
 * {@code helm.sh/hook-weight}, then Helm's kind order, then name; each one deleted first when its policy is
 * before-hook-creation (the default), applied, and waited for (a Job until it completes, a Pod until it
 * succeeds; anything else is done once applied); deleted afterwards when its policy says hook-succeeded or
 * hook-failed. The first hook that fails ends the phase with its message.
 */
final class HookRunner {

    /** A hook that failed or did not finish in time; the message names it and says why. */
    static final class HookFailed extends RuntimeException {
        HookFailed(String message) {
            super(message);
        }
    }

    private static final Duration POLL = Duration.ofMillis(250);

    private final KubeObjects kube;
    private final Duration timeout;
    private final Clock clock;

    HookRunner(KubeObjects kube, Duration timeout, Clock clock) {
        this.kube = kube;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * The applied objects, read again until all are healthy or suspended (Helm runs post hooks once the release is
     * ready, Argo CD once it is healthy); a release that does not get there within the hook timeout fails.
     */
    Map<ObjectRef, Map<String, Object>> awaitHealthy(Map<ObjectRef, Map<String, Object>> applied) {
        Instant deadline = clock.instant().plus(timeout);
        Map<ObjectRef, Map<String, Object>> live = new LinkedHashMap<>(applied);
        while (true) {
            Health health = HealthChecks.worst(live);
            if (health.state().settled()) { // a paused Deployment or suspended CronJob would never get further
                return live;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new HookFailed("the post-install/post-upgrade hooks did not run: the release was not healthy within "
                        + timeout.toSeconds() + " s (" + health.message() + ")");
            }
            sleep();
            live.replaceAll((ref, before) -> {
                Map<String, Object> now = HealthChecks.dependsOnStatus(ref) ? kube.get(ref) : null;
                return now == null ? before : now;
            });
        }
    }

    /** Runs the hooks; returns what was run, e.g. "pre-upgrade Job shop/web-migrate succeeded". */
    List<String> run(String phase, List<DesiredObjects.Desired> hooks) {
        List<String> ran = new ArrayList<>();
        for (DesiredObjects.Desired hook : ordered(hooks)) {
            ObjectRef ref = hook.ref();
            if (hook.deletePolicies().contains(HelmDocument.BEFORE_HOOK_CREATION)) {
                deleteAndWait(ref);
            }
            kube.apply(hook.object());
            String failure = await(ref);
            if (failure == null) {
                if (hook.deletePolicies().contains(HelmDocument.HOOK_SUCCEEDED)) {
                    kube.delete(ref);
                }
                ran.add(phase + " " + ref + " succeeded");
            } else {
                if (hook.deletePolicies().contains(HelmDocument.HOOK_FAILED)) {
                    kube.delete(ref);
                }
                throw new HookFailed(phase + " hook " + ref + " failed: " + failure);
            }
        }
        return ran;
    }

    static List<DesiredObjects.Desired> ordered(List<DesiredObjects.Desired> hooks) {
        return hooks.stream().sorted(Comparator.comparingInt(DesiredObjects.Desired::weight)
                .thenComparingInt(d -> DesiredObjects.rank(d.ref().kind()))
                .thenComparing(d -> d.ref().name())).toList();
    }

    /** Null once the hook completed; why it failed otherwise. */
    private String await(ObjectRef ref) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Map<String, Object> live = kube.get(ref);
            String outcome = live == null ? "it disappeared before it completed" : outcome(live);
            if (outcome == null || !outcome.isEmpty()) {
                return outcome;
            }
            if (clock.instant().isAfter(deadline)) {
                return "it did not complete within " + timeout.toSeconds() + " s (chartroom.reconcile.hook-timeout)";
            }
            sleep();
        }
    }

    /** Null: completed; "": still running; anything else: why it failed. */
    static String outcome(Map<String, Object> live) {
        String kind = String.valueOf(live.get("kind"));
        Map<?, ?> status = live.get("status") instanceof Map<?, ?> s ? s : Map.of();
        switch (kind) {
            case "Job" -> {
                for (Object c : status.get("conditions") instanceof List<?> l ? l : List.of()) {
                    if (c instanceof Map<?, ?> condition && "True".equals(condition.get("status"))) {
                        if ("Complete".equals(condition.get("type"))) {
                            return null;
                        }
                        if ("Failed".equals(condition.get("type"))) {
                            return text(condition.get("reason"), "Failed") + ": " + text(condition.get("message"), "the job failed");
                        }
                    }
                }
                return "";
            }
            case "Pod" -> {
                Object phase = status.get("phase");
                if ("Succeeded".equals(phase)) {
                    return null;
                }
                if ("Failed".equals(phase)) {
                    return podFailure(status);
                }
                return "";
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Why a pod failed: its own reason and message where the kubelet gave one (evicted, deadline exceeded), else
     * each container that exited non-zero with its code and termination message (what a test printed last).
     */
    private static String podFailure(Map<?, ?> status) {
        List<String> containers = new ArrayList<>();
        String reason = null;
        for (Object c : status.get("containerStatuses") instanceof List<?> l ? l : List.of()) {
            if (c instanceof Map<?, ?> container && container.get("state") instanceof Map<?, ?> state
                    && state.get("terminated") instanceof Map<?, ?> terminated && !"0".equals(String.valueOf(terminated.get("exitCode")))) {
                reason = reason == null ? text(terminated.get("reason"), null) : reason;
                containers.add("container " + container.get("name") + " exited with " + terminated.get("exitCode")
                        + (terminated.get("message") == null ? "" : ": " + String.valueOf(terminated.get("message")).strip()));
            }
        }
        String own = text(status.get("message"), null);
        String details = own != null ? own : containers.isEmpty() ? "the pod failed" : String.join("; ", containers);
        return text(status.get("reason"), text(reason, "Failed")) + ": " + details;
    }

    private void deleteAndWait(ObjectRef ref) {
        if (!kube.delete(ref)) {
            return;
        }
        Instant deadline = clock.instant().plus(timeout);
        while (kube.get(ref) != null) {
            if (clock.instant().isAfter(deadline)) {
                throw new HookFailed("hook " + ref + " from an earlier run was not deleted within " + timeout.toSeconds() + " s");
            }
            sleep();
        }
    }

    private static String text(Object value, String otherwise) {
        return value == null || String.valueOf(value).isBlank() ? otherwise : String.valueOf(value);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis()); // polling the hook's own status: the cluster has no push for it here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookFailed("interrupted while waiting for a hook");
        }
    }
}
