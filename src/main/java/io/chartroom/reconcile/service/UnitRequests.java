package io.chartroom.reconcile.service;

import io.chartroom.base.database.ReplicaNotifications;
import io.chartroom.base.error.ConflictException;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.reconcile.service.UnitWorkQueue.Work;
import io.chartroom.security.service.SystemActor;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Users' requests for work on units (apply again, rotate, run tests): done by this replica on the clusters it
 * reconciles, and passed on to the other replicas (LISTEN/NOTIFY) for theirs.
 */
final class UnitRequests {

    private final UnitReconciler units;
    private final UnitStatusRepository statuses;
    private final UnitWorkQueue queue;
    private final ReplicaNotifications replicas;
    private final Supplier<Map<UnitKey, DesiredUnits.Unit>> plan;
    private final Predicate<String> mine;

    UnitRequests(UnitReconciler units, UnitStatusRepository statuses, UnitWorkQueue queue, ReplicaNotifications replicas,
                 Supplier<Map<UnitKey, DesiredUnits.Unit>> plan, Predicate<String> mine, BooleanSupplier working, SystemActor system) {
        this.units = units;
        this.statuses = statuses;
        this.queue = queue;
        this.replicas = replicas;
        this.plan = plan;
        this.mine = mine;
        // another replica's request: done only while this one's reconciler runs and is not paused (it checked too)
        replicas.subscribe(UnitRequest.KIND, payload -> {
            if (working.getAsBoolean()) {
                system.run(() -> here(UnitRequest.decoded(payload)));
            }
        });
    }

    /**
     * How many units the request reaches: those planned here, and those the other replicas reconcile as the unit
     * statuses know them (0: none anywhere).
     */
    int schedule(UnitRequest request, boolean paused, String whilePaused) {
        if (paused) {
            throw new ConflictException("the reconciler is paused by an admin (Settings); " + whilePaused);
        }
        int here = here(request);
        long elsewhere = statuses.findAll().stream().filter(s -> request.matches(s.key()) && !mine.test(s.key().cluster())).count();
        // always passed on: a unit another replica plans may have no status yet
        replicas.publish(UnitRequest.KIND, request.encoded());
        return here + (int) elsewhere;
    }

    private int here(UnitRequest request) {
        List<DesiredUnits.Unit> selected = plan.get().values().stream().filter(u -> request.matches(u.key())).toList();
        selected.forEach(u -> {
            if (request.work() == Work.TEST) {
                units.testsRequested(u.key(), request.actor());
            }
            queue.schedule(u, request.work());
        });
        return selected.size();
    }
}
