package io.chartroom.clusters.service;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/** A one-line status of an object for lists, as kubectl get shows it (ready 2/2, Running, Bound, ...). */
final class ObjectSummary {

    private ObjectSummary() {}

    static String of(HasMetadata object) {
        return switch (object) {
            case Deployment d -> "ready " + n(d.getStatus() == null ? null : d.getStatus().getReadyReplicas()) + "/"
                    + n(d.getSpec() == null ? null : d.getSpec().getReplicas());
            case StatefulSet s -> "ready " + n(s.getStatus() == null ? null : s.getStatus().getReadyReplicas()) + "/"
                    + n(s.getSpec() == null ? null : s.getSpec().getReplicas());
            case DaemonSet d -> d.getStatus() == null ? "" : "ready " + n(d.getStatus().getNumberReady()) + "/" + n(d.getStatus().getDesiredNumberScheduled());
            case Job j -> j.getStatus() == null ? "" : "succeeded " + n(j.getStatus().getSucceeded()) + ", failed " + n(j.getStatus().getFailed());
            case Pod p -> p.getStatus() == null ? "" : String.valueOf(p.getStatus().getPhase());
            case Service s -> s.getSpec() == null ? "" : s.getSpec().getType() + (s.getSpec().getClusterIP() == null ? "" : " " + s.getSpec().getClusterIP());
            case Ingress i -> i.getSpec() == null || i.getSpec().getRules() == null ? "" : String.join(", ", i.getSpec().getRules().stream()
                    .map(r -> r.getHost() == null ? "*" : r.getHost()).toList());
            case ConfigMap c -> (c.getData() == null ? 0 : c.getData().size()) + " keys";
            case PersistentVolumeClaim c -> c.getStatus() == null ? "" : String.valueOf(c.getStatus().getPhase());
            default -> "";
        };
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
