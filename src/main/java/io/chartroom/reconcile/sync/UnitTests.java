package io.chartroom.reconcile.sync;

import io.chartroom.reconcile.cluster.ClusterErrors;
import io.chartroom.reconcile.cluster.ClusterObjects;
import io.chartroom.reconcile.domain.ReconcileSettings;
import io.chartroom.reconcile.plan.DesiredObjects;
import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.reconcile.plan.UnitInputs;
import io.chartroom.reconcile.status.ReconcileEvent;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.render.service.HelmDocument;
import io.chartroom.render.service.RenderService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/** A release's Helm test hooks, run on demand on one unit's cluster (never as part of a sync). */
@Component
public class UnitTests {

    private final UnitInputs units;
    private final ClusterObjects clusters;
    private final UnitStatusRepository statuses;
    private final ReconcileSettings settings;
    private final ApplicationEventPublisher events;
    private final UnitStatusUpdates updates;
    private final Clock clock;
    private final TransactionTemplate tx;
    /** Who asked for each unit's next test run (the user, not the system, is the actor of the outcome). */
    private final Map<UnitKey, String> requestedBy = new ConcurrentHashMap<>();

    UnitTests(UnitInputs units, ClusterObjects clusters, UnitStatusRepository statuses, ReconcileSettings settings, ApplicationEventPublisher events,
              UnitStatusUpdates updates, Clock clock, TransactionTemplate tx) {
        this.units = units;
        this.clusters = clusters;
        this.statuses = statuses;
        this.settings = settings;
        this.events = events;
        this.updates = updates;
        this.clock = clock;
        this.tx = tx;
    }

    public void requested(UnitKey key, String actor) {
        requestedBy.put(key, actor);
    }

    /**
     * Runs the release's Helm test hooks on the unit's cluster (never part of a sync): each deleted first by its
     * policy, applied and waited for; the outcome goes into the unit's history and the audit log, as done by the
     * user who asked.
     */
    public void run(DesiredUnits.Unit unit) {
        UnitKey key = unit.key();
        String asked = requestedBy.remove(key); // a request arriving from now on is for the next run
        String actor = asked == null ? "system" : asked;
        long start = System.nanoTime();
        String revision = unit.revision();
        String message;
        boolean passed;
        try {
            UnitInputs.Inputs inputs = units.inputs(unit);
            RenderService.Outcome rendered = units.render(unit, inputs, !inputs.values().any());
            if (!rendered.ok()) {
                throw new IllegalStateException("the chart does not render: " + rendered.error());
            }
            List<DesiredObjects.Desired> tests = DesiredObjects.from(rendered.manifest(), unit.release().name(), key.environment(),
                    unit.release().namespace(), revision).stream().filter(d -> d.phase() == HelmDocument.Phase.TEST).toList();
            List<String> ran = new HookRunner(clusters.kube(unit.cluster()), settings.hookTimeout(), clock).run("test", tests);
            passed = true;
            message = tests.isEmpty() ? "tests: the chart has none" : "tests passed: " + ran.size() + (ran.size() == 1 ? " test" : " tests");
        } catch (RuntimeException e) {
            passed = false;
            message = "tests failed: " + ClusterErrors.describe(e);
        }
        String outcome = message;
        boolean ok = passed;
        UnitStatus status = statuses.find(key).orElse(null);
        tx.executeWithoutResult(t -> {
            statuses.history(key, revision, status == null ? SyncState.SYNCED : status.sync(), status == null ? HealthState.UNKNOWN : status.health(),
                    outcome, 0, 0, (System.nanoTime() - start) / 1_000_000, clock.instant());
            events.publishEvent(new ReconcileEvent(ok ? "tests_passed" : "tests_failed", key, actor, Map.of("revision", revision,
                    "result", outcome)));
        });
        updates.changed(key);
    }
}
