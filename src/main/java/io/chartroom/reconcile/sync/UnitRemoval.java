package io.chartroom.reconcile.sync;

import io.chartroom.reconcile.cluster.ClusterErrors;
import io.chartroom.reconcile.cluster.ClusterObjects;
import io.chartroom.reconcile.cluster.KubeObjects;
import io.chartroom.reconcile.diff.DriftCheck;
import io.chartroom.reconcile.diff.DriftReference;
import io.chartroom.reconcile.health.UnsettledObjects;
import io.chartroom.reconcile.status.ReconcileEvent;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Removing a unit main no longer asks for: its objects from the cluster, then its status. */
@Component
public class UnitRemoval {

    private final ClusterObjects units;
    private final UnsettledObjects unsettled;
    private final DriftReference references;
    private final DriftCheck drift;
    private final UnitFailures failures;
    private final UnitStatusRepository statuses;
    private final ApplicationEventPublisher events;
    private final UnitStatusUpdates updates;
    private final Clock clock;

    UnitRemoval(ClusterObjects units, UnsettledObjects unsettled, DriftReference references, DriftCheck drift, UnitFailures failures, UnitStatusRepository statuses, ApplicationEventPublisher events,
                UnitStatusUpdates updates, Clock clock) {
        this.units = units;
        this.unsettled = unsettled;
        this.references = references;
        this.drift = drift;
        this.failures = failures;
        this.statuses = statuses;
        this.events = events;
        this.updates = updates;
        this.clock = clock;
    }

    /**
     * A unit main no longer asks for: its objects are deleted (namespaces kept, CRDs unless the environment prunes
     * them), then its status. An object of a kind the cluster does not serve cannot exist there: it counts as gone,
     * by name. What cannot be deleted (the cluster refuses) does not stop the others: it is named, kept in the
     * inventory, and tried again after the back-off.
     */
    public void remove(UnitStatus status, Cluster cluster, boolean pruneCrds) {
        UnitKey key = status.key();
        long start = System.nanoTime();
        try {
            List<String> prunedObjects = new ArrayList<>();
            List<ObjectRef> left = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<String> notServed = new ArrayList<>();
            if (cluster != null) {
                KubeObjects kube = units.kube(cluster);
                List<ObjectRef> all = new ArrayList<>(status.inventory());
                if (status.pendingInventory() != null) {
                    status.pendingInventory().stream().filter(r -> all.stream().noneMatch(a -> a.identity().equals(r.identity()))).forEach(all::add);
                }
                for (ObjectRef ref : all.reversed()) {
                    if (!ref.prunable(pruneCrds)) {
                        continue;
                    }
                    try {
                        if (kube.delete(ref)) {
                            prunedObjects.add(ref.toString());
                        }
                    } catch (KubeObjects.KindNotServed e) {
                        notServed.add(ref.toString()); // its kind is not served, so no such object can exist: nothing to delete
                    } catch (RuntimeException e) {
                        left.add(ref);
                        problems.add(ref + ": " + ClusterErrors.describe(e));
                    }
                }
            }
            int pruned = prunedObjects.size();
            if (!left.isEmpty()) {
                // the inventory tells the truth: what is still there, and why
                statuses.remaining(key, left.reversed(), clock.instant());
                if (pruned > 0) {
                    events.publishEvent(new ReconcileEvent("pruned", key, "system", Map.of("pruned", pruned, "objects", prunedObjects)));
                }
                failures.fail(key, status.revision() == null ? "" : status.revision(), statuses.find(key).orElse(status),
                        UnitStatus.REMOVING + "pruned " + pruned + ", could not delete " + left.size() + ": " + String.join("; ", problems), start);
                return;
            }
            unsettled.forget(key); // what this replica kept of the unit
            references.forget(key);
            drift.forget(key);
            statuses.delete(key);
            String removed = "removed: pruned " + pruned + (pruned == 1 ? " object" : " objects")
                    + (notServed.isEmpty() ? "" : "; not served by the cluster, so already gone: " + String.join(", ", notServed));
            statuses.history(key, status.revision(), SyncState.SYNCED, HealthState.MISSING, removed, 0, pruned,
                    (System.nanoTime() - start) / 1_000_000, clock.instant());
            events.publishEvent(new ReconcileEvent("pruned", key, "system", Map.of("pruned", pruned, "objects", prunedObjects,
                    "notServed", notServed)));
            updates.changed(key);
        } catch (RuntimeException e) {
            failures.fail(key, status.revision() == null ? "" : status.revision(), status, UnitStatus.REMOVING + ClusterErrors.describe(e), start);
        }
    }
}
