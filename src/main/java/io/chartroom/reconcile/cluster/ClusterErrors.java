package io.chartroom.reconcile.cluster;

import io.chartroom.reconcile.domain.FailureKind;
import io.chartroom.render.service.UnreadableManifestException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** How a failed cluster call reads in a unit's status and history: one line, the cluster's own answer where it gave one. */
public final class ClusterErrors {

    private ClusterErrors() {}

    /** The chart does not render with the unit's values: the same inputs would fail the same way. */
    public static final class ChartDoesNotRender extends IllegalStateException {
        public ChartDoesNotRender(String error) {
            super("the chart does not render: " + error);
        }
    }

    /**
     * Whether trying again can help: the cluster refusing the objects as malformed, invalid or forbidden, or the
     * chart not rendering (or rendering what cannot be read), is permanent until something changes; a conflict with another field manager too;
     * anything else (unreachable, 5xx, 429, timeouts, a missing kind that another release may bring) passes.
     */
    public static FailureKind kind(Throwable e) {
        if (e instanceof ChartDoesNotRender || e instanceof UnreadableManifestException) {
            return FailureKind.PERMANENT;
        }
        if (e instanceof KubernetesClientException k) {
            return switch (k.getCode()) {
                case 409 -> FailureKind.CONFLICT;
                case 400, 403, 422 -> FailureKind.PERMANENT;
                default -> FailureKind.TRANSIENT;
            };
        }
        return FailureKind.TRANSIENT;
    }

    /** What went wrong, in a line; the cluster's answer when there is one. */
    public static String describe(Throwable e) {
        if (e instanceof KubernetesClientException k) {
            String status = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage();
            if (k.getCode() > 0) {
                return "the cluster answered HTTP " + k.getCode() + ": " + firstLine(status);
            }
            Throwable cause = k.getCause();
            while (cause != null && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return "cannot reach the cluster: " + firstLine(cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(k.getMessage()));
        }
        if (e instanceof UnreadableManifestException) {
            return "the chart's output cannot be read: " + firstLine(e.getMessage());
        }
        return firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse(text);
    }
}
