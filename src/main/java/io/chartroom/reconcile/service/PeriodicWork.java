package io.chartroom.reconcile.service;

import io.chartroom.reconcile.domain.ReconcileSettings;
import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.reconcile.service.UnitWorkQueue.Work;
import io.chartroom.security.service.SystemActor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The leader's work by the clock, besides planning main: failed units whose back-off has passed are applied
 * again; settling units (a rollout in progress) are looked at every few seconds, once their cluster's applies
 * are done; every drift interval, every applied unit is compared with its cluster; every few seconds the
 * deletion watches follow the kinds the clusters hold.
 */
final class PeriodicWork {

    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(3);
    /** How often the watched kinds follow what the clusters hold (and broken watches are opened again). */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(10);

    private final UnitStatusRepository statuses;
    private final UnitWorkQueue queue;
    private final SystemActor system;
    private final ReconcileSettings settings;
    private final AtomicLong driftSweeps = new AtomicLong();
    private Instant nextHealth = Instant.EPOCH;
    private Instant nextDrift;
    private final Runnable keepWatches;
    private volatile Instant nextWatch = Instant.EPOCH;

    /** {@code keepWatches}: makes the deletion watches follow what the clusters hold. */
    PeriodicWork(UnitStatusRepository statuses, UnitWorkQueue queue, SystemActor system, ReconcileSettings settings, Clock clock,
                 Runnable keepWatches) {
        this.keepWatches = keepWatches;
        this.statuses = statuses;
        this.queue = queue;
        this.system = system;
        this.settings = settings;
        this.nextDrift = clock.instant().plus(settings.driftInterval());
    }

    /** Called by the control loop about once a second; {@code plan}: the units main plans now. */
    void tick(Instant now, Map<UnitKey, DesiredUnits.Unit> plan) {
        if (!now.isBefore(nextWatch)) {
            system.run(keepWatches);
            nextWatch = now.plus(WATCH_INTERVAL);
        }
        system.run(() -> statuses.dueRetries(now).forEach(key -> {
            DesiredUnits.Unit unit = plan.get(key);
            if (unit != null) {
                queue.schedule(unit, Work.APPLY);
            }
        }));
        if (!now.isBefore(nextHealth)) {
            // a cluster still busy applying is looked at once its applies are done: applying comes first
            schedule(plan, statuses::settling, s -> queue.applying(s.key().cluster()) == 0, Work.HEALTH);
            nextHealth = now.plus(HEALTH_INTERVAL);
        }
        if (!now.isBefore(nextDrift)) {
            schedule(plan, statuses::findAll, s -> s.sync() == SyncState.SYNCED || s.sync() == SyncState.OUT_OF_SYNC, Work.DRIFT);
            driftSweeps.incrementAndGet();
            nextDrift = now.plus(settings.driftInterval());
        }
    }

    /** The watches were closed (leadership lost, or paused): opened again at the next tick. */
    void watchesClosed() {
        nextWatch = Instant.EPOCH;
    }

    /** How many drift sweeps were scheduled since start. */
    long driftSweeps() {
        return driftSweeps.get();
    }

    private void schedule(Map<UnitKey, DesiredUnits.Unit> plan, Supplier<List<UnitStatus>> candidates, Predicate<UnitStatus> which, Work work) {
        system.run(() -> candidates.get().stream().filter(which).forEach(s -> {
            DesiredUnits.Unit unit = plan.get(s.key());
            if (unit != null) {
                queue.schedule(unit, work);
            }
        }));
    }
}
