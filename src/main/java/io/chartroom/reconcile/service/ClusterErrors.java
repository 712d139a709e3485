package io.chartroom.reconcile.service;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** How a failed cluster call reads in a unit's status and history: one line, the cluster's own answer where it gave one. */
final class ClusterErrors {

    private ClusterErrors() {}

    /** What went wrong, in a line; the cluster's answer when there is one. */
    static String describe(Throwable e) {
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
        return firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse(text);
    }
}
