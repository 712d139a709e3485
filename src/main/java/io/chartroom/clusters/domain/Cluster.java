package io.chartroom.clusters.domain;

import java.time.Instant;
import java.util.Map;

/** A Kubernetes cluster Chartroom deploys to; environments select clusters by their labels. */
public record Cluster(long id, String name, Map<String, String> labels, String kubeVersion, Kind kind, Instant createdAt) {

    /** How Chartroom reaches the cluster. SIMULATED clusters are in-process API servers of the embedded default. */
    public enum Kind { SIMULATED, KUBECONFIG, TOKEN, EKS }

    public boolean simulated() {
        return kind == Kind.SIMULATED;
    }
}
