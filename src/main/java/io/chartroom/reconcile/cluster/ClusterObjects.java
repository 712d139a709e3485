package io.chartroom.reconcile.cluster;

import io.chartroom.reconcile.domain.ReconcileSettings;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.service.ClusterConnections;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** The registered clusters' objects as the reconciler works with them, with every write counted. */
@Component
public class ClusterObjects {

    private final ClusterConnections connections;
    private final ReconcileSettings settings;
    private final AtomicLong writes = new AtomicLong();

    ClusterObjects(ClusterConnections connections, ReconcileSettings settings) {
        this.connections = connections;
        this.settings = settings;
    }

    public KubeObjects kube(Cluster cluster) {
        return new KubeObjects(connections.client(cluster), settings.forceConflicts(), writes);
    }

    /** The cluster's client, for the informers that follow its objects. */
    public KubernetesClient client(Cluster cluster) {
        return connections.client(cluster);
    }

    /** Writes (applies and deletes) made to clusters since start. */
    public long writes() {
        return writes.get();
    }
}
