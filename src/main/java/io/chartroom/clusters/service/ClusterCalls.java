package io.chartroom.clusters.service;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.domain.ClusterRepository;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** A read from a registered cluster by name: an unknown cluster is not found, and a failing one says which, without credentials. */
@Component
class ClusterCalls {

    private final ClusterRepository clusters;
    private final ClusterConnections connections;

    ClusterCalls(ClusterRepository clusters, ClusterConnections connections) {
        this.clusters = clusters;
        this.connections = connections;
    }

    <T> T on(String clusterName, Function<KubernetesClient, T> work) {
        Cluster cluster = clusters.findByName(clusterName).orElseThrow(() -> new NotFoundException("cluster " + clusterName + " does not exist"));
        try {
            return work.apply(connections.client(cluster));
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("cannot read from " + clusterName + ": " + ClusterService.message(e), e);
        }
    }
}
