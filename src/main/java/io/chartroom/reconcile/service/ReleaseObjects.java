package io.chartroom.reconcile.service;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.clusters.service.ClusterService;
import io.chartroom.reconcile.cluster.ClusterObjects;
import io.chartroom.reconcile.cluster.KubeObjects;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.reconcile.health.Health;
import io.chartroom.reconcile.health.HealthChecks;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * A release's objects on one cluster, each with its own health read live, worst first: the rows behind a unit's
 * health, so that "Degraded" names the Deployment that is. Read when a user opens the objects, not kept.
 */
@Service
public class ReleaseObjects {

    /** One object of the unit's inventory and its health now. */
    public record Row(ObjectRef ref, HealthState health, String message) {}

    private final UnitStatusRepository statuses;
    private final ClusterService clusters;
    private final ClusterObjects objects;
    private final CurrentUser currentUser;

    ReleaseObjects(UnitStatusRepository statuses, ClusterService clusters, ClusterObjects objects, CurrentUser currentUser) {
        this.statuses = statuses;
        this.clusters = clusters;
        this.objects = objects;
        this.currentUser = currentUser;
    }

    public List<Row> of(UnitKey key) {
        currentUser.require(Role.VIEWER);
        UnitStatus status = statuses.find(key).orElseThrow(() -> new NotFoundException(key.release() + " does not run on "
                + key.cluster() + " (" + key.environment() + ")"));
        KubeObjects kube = objects.kube(clusters.get(key.cluster()));
        List<Row> rows = new ArrayList<>();
        for (ObjectRef ref : status.inventory()) {
            if (ref.kind().equals("Namespace")) {
                continue; // shared with other releases; its health is not this release's
            }
            Map<String, Object> live = kube.get(ref);
            Health health = HealthChecks.assess(live);
            rows.add(new Row(ref, health.state(), health.message()));
        }
        // worst first, in HealthState's order
        rows.sort(Comparator.comparing(Row::health, Comparator.<HealthState>reverseOrder()).thenComparing(r -> r.ref().kind())
                .thenComparing(r -> r.ref().name()));
        return rows;
    }
}
