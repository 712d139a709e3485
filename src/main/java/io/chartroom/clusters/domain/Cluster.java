package io.chartroom.clusters.domain;

import java.time.Instant;
import io.chartroom.base.kube.KubernetesVersion;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes cluster Chartroom deploys to; environments select clusters by their labels. Its credentials are
 * not part of this record: they stay encrypted in the database and only the connection factory reads them.
 *
 * @param kubeVersion the API server's version when it was last checked (v1.31.2), null before; renders target it
 * @param apiUrl      the API server's URL (empty for simulated clusters)
 * @param checkError  why the last connection test failed, or null
 * @param tlsUnverified the API server's certificate is not checked (a kubeconfig with insecure-skip-tls-verify): shown as a warning
 */
public record Cluster(long id, String name, String description, Map<String, String> labels, @Nullable String kubeVersion, Kind kind,
                      String apiUrl, @Nullable String contextName, @Nullable String region, @Nullable String eksClusterName,
                      @Nullable Instant checkedAt, @Nullable String checkError, Instant createdAt, boolean tlsUnverified) {

    /** How Chartroom reaches the cluster. SIMULATED clusters are in-process API servers of the embedded default. */
    public enum Kind { SIMULATED, KUBECONFIG, TOKEN, EKS }

    public Cluster {
        labels = Map.copyOf(labels);
        description = description == null ? "" : description;
    }

    /** The cluster's version, or the fallback while it is unknown (never reached yet). */
    public String kubeVersionOr(String fallback) {
        return KubernetesVersion.forCluster(kubeVersion, fallback);
    }

    public boolean simulated() {
        return kind == Kind.SIMULATED;
    }
}
