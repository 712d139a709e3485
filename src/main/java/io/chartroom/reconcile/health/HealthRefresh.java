package io.chartroom.reconcile.health;

import io.chartroom.reconcile.cache.LiveReads;
import io.chartroom.reconcile.cluster.ClusterErrors;
import io.chartroom.reconcile.cluster.ClusterObjects;
import io.chartroom.reconcile.cluster.KubeObjects;
import io.chartroom.reconcile.domain.ReconcileSettings;
import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.reconcile.health.Health;
import io.chartroom.reconcile.health.HealthChecks;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** A unit's health, read again from the objects that were not healthy yet (a rollout finishing). */
@Component
public class HealthRefresh {

    private final ClusterObjects units;
    private final LiveReads reads;
    private final UnsettledObjects unsettled;
    private final UnitStatusRepository statuses;
    private final ReconcileSettings settings;
    private final UnitStatusUpdates updates;
    private final Clock clock;

    HealthRefresh(ClusterObjects units, LiveReads reads, UnsettledObjects unsettled, UnitStatusRepository statuses, ReconcileSettings settings,
                  UnitStatusUpdates updates, Clock clock) {
        this.units = units;
        this.reads = reads;
        this.unsettled = unsettled;
        this.statuses = statuses;
        this.settings = settings;
        this.updates = updates;
        this.clock = clock;
    }

    /**
     * Looks again at the objects that were not healthy yet (after a restart: every kind whose health depends on
     * its status); records health when it changed (a rollout finishing). The others were healthy and stay so
     * until the drift check, which reads everything, says otherwise.
     */
    public void refresh(DesiredUnits.Unit unit, UnitStatus status) {
        try {
            List<ObjectRef> refs = unsettled.of(unit.key());
            if (refs == null || refs.isEmpty()) { // unknown (a restart), or set Progressing by the drift check
                refs = status.inventory().stream().filter(HealthChecks::dependsOnStatus).toList();
            }
            KubeObjects kube = units.kube(unit.cluster());
            String cluster = unit.cluster().name();
            Map<ObjectRef, Map<String, Object>> live = new LinkedHashMap<>();
            refs.forEach(ref -> live.put(ref, reads.read(cluster, kube, ref, () -> unsettled.waiting(cluster, ref.kind()), status.lastAppliedAt())));
            unsettled.remember(unit.key(), live);
            ProgressDeadline.Verdict verdict = ProgressDeadline.apply(HealthChecks.worst(live), live, status.progressingSince(),
                    clock.instant(), settings.progressDeadline());
            Health health = verdict.health();
            if (health.state() != status.health() || !health.message().equals(status.message())
                    || !Objects.equals(verdict.progressingSince(), status.progressingSince())) {
                statuses.health(unit.key(), health.state(), health.message(), verdict.progressingSince(), clock.instant());
                updates.changed(unit.key());
            }
        } catch (RuntimeException e) {
            statuses.health(unit.key(), HealthState.UNKNOWN, "cannot read the objects: " + ClusterErrors.describe(e), clock.instant());
            updates.changed(unit.key());
        }
    }
}
