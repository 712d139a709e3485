package io.chartroom.reconcile.service;

import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.security.service.SystemActor;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work on units, as the system: one piece per unit at a time (work that arrives meanwhile runs next, the
 * strongest kind kept), at most {@code cluster-parallelism} pieces per cluster, on virtual threads; the applies
 * waiting or running per cluster are counted, so that health refreshes wait until a cluster's applies are done.
 * Work runs only on clusters this replica reconciles (removals also where it is the leader of, see Reconciler),
 * checked again right before it starts.
 */
final class UnitWorkQueue {

    private static final Logger log = LoggerFactory.getLogger(UnitWorkQueue.class);

    /** Kinds of work on a unit, weakest first: a pending stronger one replaces a weaker one. */
    enum Work { HEALTH, DRIFT, APPLY, FORCE, ROTATE, TEST }

    private final UnitReconciler units;
    private final UnitStatusRepository statuses;
    private final SystemActor system;
    private final int parallelism;
    private final Function<UnitKey, DesiredUnits.Unit> plan;
    private final BooleanSupplier running;
    private final Predicate<String> owns;
    private final Predicate<String> mine;
    private volatile ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Semaphore> perCluster = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> applying = new ConcurrentHashMap<>();
    private final Set<UnitKey> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<UnitKey, Work> again = new ConcurrentHashMap<>();

    /**
     * {@code plan}: the unit main plans for a key now (null: none), for the work that arrived meanwhile; {@code owns}:
     * whether this replica may apply to a cluster now; {@code mine}: whether it may remove units there.
     */
    UnitWorkQueue(UnitReconciler units, UnitStatusRepository statuses, SystemActor system, int parallelism,
                  Function<UnitKey, DesiredUnits.Unit> plan, BooleanSupplier running, Predicate<String> owns, Predicate<String> mine) {
        this.units = units;
        this.statuses = statuses;
        this.system = system;
        this.parallelism = parallelism;
        this.plan = plan;
        this.running = running;
        this.owns = owns;
        this.mine = mine;
    }

    void schedule(DesiredUnits.Unit unit, Work work) {
        UnitKey key = unit.key();
        if (!owns.test(key.cluster())) {
            return;
        }
        if (!inFlight.add(key)) {
            // busy: run it after the current work (a change or a drift check arriving meanwhile is not lost)
            again.merge(key, work, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            return;
        }
        run(key, unit.cluster().name(), work == Work.APPLY || work == Work.FORCE || work == Work.ROTATE, owns, () -> {
            switch (work) {
                case APPLY, FORCE -> units.reconcile(unit, work == Work.FORCE);
                case ROTATE -> units.reconcile(unit, true, true);
                case TEST -> units.runTests(unit);
                case HEALTH -> statuses.find(key).ifPresent(s -> units.refreshHealth(unit, s));
                case DRIFT -> statuses.find(key).ifPresent(s -> units.checkDrift(unit, s));
            }
        });
    }

    /** Removes a unit main no longer plans, unless work on it is running (the next pass asks again). */
    void remove(UnitStatus status, Cluster cluster, boolean pruneCrds) {
        if (mine.test(status.key().cluster()) && inFlight.add(status.key())) {
            run(status.key(), cluster == null ? status.key().cluster() : cluster.name(), true, mine, () -> units.remove(status, cluster, pruneCrds));
        }
    }

    /** Applies waiting or running on the cluster. */
    int applying(String cluster) {
        AtomicInteger n = applying.get(cluster);
        return n == null ? 0 : n.get();
    }

    /** Whether work on the cluster waits or runs: a cluster moving to another replica is let go only once it is done. */
    boolean busy(String cluster) {
        return inFlight.stream().anyMatch(k -> k.cluster().equals(cluster));
    }

    int inFlight() {
        return inFlight.size();
    }

    void start() {
        if (workers.isShutdown()) {
            workers = Executors.newVirtualThreadPerTaskExecutor();
        }
    }

    /** Lets the running work finish (bounded). */
    void stop() {
        workers.shutdown();
        try {
            workers.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(UnitKey key, String cluster, boolean apply, Predicate<String> allowed, Runnable work) {
        AtomicInteger applies = applying.computeIfAbsent(cluster, c -> new AtomicInteger());
        if (apply) {
            applies.incrementAndGet();
        }
        try {
            workers.submit(() -> execute(key, cluster, apply, allowed, work));
        } catch (RejectedExecutionException stopping) {
            if (apply) {
                applies.decrementAndGet();
            }
            inFlight.remove(key);
        }
    }

    /** Runs the work within the cluster's permits; then the work that arrived for the unit meanwhile. */
    private void execute(UnitKey key, String cluster, boolean apply, Predicate<String> allowed, Runnable work) {
        Semaphore permits = perCluster.computeIfAbsent(cluster, c -> new Semaphore(parallelism));
        try {
            permits.acquire();
            try {
                if (allowed.test(cluster)) { // the cluster moved to another replica while this waited: not done here
                    system.run(work);
                }
            } finally {
                permits.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Reconciling {} failed unexpectedly: {}", key, e.getMessage(), e);
        } finally {
            if (apply) {
                applying.get(cluster).decrementAndGet();
            }
            inFlight.remove(key);
            Work next = again.remove(key);
            DesiredUnits.Unit unit = plan.apply(key);
            if (next != null && unit != null && running.getAsBoolean()) {
                schedule(unit, next);
            }
        }
    }
}
