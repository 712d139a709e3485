package io.chartroom.reconcile.service;

import io.chartroom.reconcile.cache.LiveReads;
import io.chartroom.reconcile.cache.ObjectCache;
import io.chartroom.reconcile.cluster.ClusterObjects;
import io.chartroom.reconcile.diff.DriftCheck;
import io.chartroom.reconcile.health.HealthRefresh;
import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.reconcile.plan.UnitInputs;
import io.chartroom.reconcile.sync.UnitRemoval;
import io.chartroom.reconcile.sync.UnitSync;
import io.chartroom.reconcile.sync.UnitTests;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The work the reconciler's queue does on one unit, each part a class of its own: applying ({@link UnitSync}),
 * comparing with the cluster ({@link DriftCheck}, which heals through the apply), looking at health again
 * ({@link HealthRefresh}), running its tests ({@link UnitTests}) and removing it ({@link UnitRemoval}).
 */
@Component
class UnitReconciler {

    private final UnitInputs inputs;
    private final UnitSync sync;
    private final DriftCheck drift;
    private final HealthRefresh health;
    private final UnitTests tests;
    private final UnitRemoval removal;
    private final ClusterObjects clusters;
    private final ObjectCache cache;
    private final LiveReads reads;

    UnitReconciler(UnitInputs inputs, UnitSync sync, DriftCheck drift, HealthRefresh health, UnitTests tests, UnitRemoval removal,
                   ClusterObjects clusters, ObjectCache cache, LiveReads reads) {
        this.inputs = inputs;
        this.sync = sync;
        this.drift = drift;
        this.health = health;
        this.tests = tests;
        this.removal = removal;
        this.clusters = clusters;
        this.cache = cache;
        this.reads = reads;
    }

    /** Whether the unit needs work ({@link UnitStatus#dueAt}); never known before: yes. */
    boolean due(DesiredUnits.Unit unit, UnitStatus status, Instant now) {
        try {
            return status == null || status.dueAt(now, () -> inputs.inputs(unit).fingerprint());
        } catch (RuntimeException e) {
            return true; // the values or a secret cannot be read: the apply records why
        }
    }

    UnitSync.Result reconcile(DesiredUnits.Unit unit, boolean force) {
        return sync.apply(unit, force, false);
    }

    /** {@code rotate}: generated Secret keys are applied as rendered now, not kept as the cluster has them. */
    UnitSync.Result reconcile(DesiredUnits.Unit unit, boolean force, boolean rotate) {
        return sync.apply(unit, force, rotate);
    }

    /** Looks again at the objects that were not healthy yet; see {@link HealthRefresh}. */
    void refreshHealth(DesiredUnits.Unit unit, UnitStatus status) {
        health.refresh(unit, status);
    }

    /** Compares the live objects with what was applied, healing through the apply; see {@link DriftCheck}. */
    List<String> checkDrift(DesiredUnits.Unit unit, UnitStatus status) {
        return drift.check(unit, status, u -> sync.apply(u, true, false) == UnitSync.Result.APPLIED);
    }

    /** Runs the release's Helm test hooks on the unit's cluster; see {@link UnitTests}. */
    void runTests(DesiredUnits.Unit unit) {
        tests.run(unit);
    }

    /** Who asked for the unit's tests to run next: the actor of their outcome in the audit log. */
    void testsRequested(UnitKey key, String actor) {
        tests.requested(key, actor);
    }

    /** Removes a unit main no longer asks for; see {@link UnitRemoval}. */
    void remove(UnitStatus status, Cluster cluster, boolean pruneCrds) {
        removal.remove(status, cluster, pruneCrds);
    }

    /** The cluster's client, for the informers that follow its objects. */
    KubernetesClient client(Cluster cluster) {
        return clusters.client(cluster);
    }

    /** What the real clusters hold of Chartroom's objects, followed by informers. */
    ObjectCache cache() {
        return cache;
    }

    /** Who hears of objects someone else changed or deleted (the reconciler, which checks their units). */
    void listen(ObjectCache.Listener listener) {
        cache.listen(listener);
    }

    /** An object of this kind was deleted on the cluster: what was listed before is stale. */
    void deleted(String cluster, String apiVersion, String kind) {
        reads.forget(cluster, apiVersion, kind);
    }

    /** Writes (applies and deletes) made to clusters since start. */
    long writes() {
        return clusters.writes();
    }
}
