package io.chartroom.reconcile.service;

import io.chartroom.values.domain.Environment;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.service.ClusterService;
import io.chartroom.base.error.ConflictException;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.MainMoved;
import io.chartroom.settings.domain.Setting;
import io.chartroom.settings.service.RuntimeSettings;
import io.chartroom.base.event.AuditableEvent;
import io.chartroom.reconcile.domain.LeaderLeaseRepository;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.security.service.SystemActor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The reconcile loop, in the replica that holds the lease. It watches main (a merge wakes it at once), and on
 * every change and every interval plans the units: the ones whose inputs changed, that never applied, or
 * whose back-off has passed are applied; units main no longer asks for are removed; progressing ones are
 * looked at again every few seconds; every drift interval live objects are compared with what was applied.
 * Each unit runs on its own virtual thread, at most a few at a time per cluster, so that a slow or failing
 * cluster never holds up the others.
 */
@Component
public class Reconciler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(3);
    /** How often the watched kinds follow what the clusters hold (and broken watches are opened again). */
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(10);

    /** Counters for the status page and benchmarks. */
    /**
     * @param driftSweeps how many times every unit's live objects were scheduled for comparison since start
     * @param watches     open watches for deletions (one per real cluster and kind of object it holds)
     */
    public record Stats(boolean leader, String holder, long writes, int inFlight, long passes, long lastPassMillis, String lastRevision,
                        long driftSweeps, int watches) {}

    /** Kinds of work on a unit, weakest first: a pending stronger one replaces a weaker one. */
    private enum Work { HEALTH, DRIFT, APPLY, FORCE, ROTATE, TEST }

    private final DesiredUnits desired;
    private final UnitReconciler units;
    private final UnitStatusRepository statuses;
    private final ClusterService clusters;
    private final GitOpsRepository gitops;
    private final SystemActor system;
    private final ReconcileSettings settings;
    private final LeaderElection election;
    private final Clock clock;
    private volatile ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Semaphore> perCluster = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> applying = new ConcurrentHashMap<>();
    private final Set<UnitKey> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<UnitKey, Work> again = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wake = new AtomicBoolean();
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong driftSweeps = new AtomicLong();
    private volatile Map<UnitKey, DesiredUnits.Unit> plan = Map.of();
    private volatile String lastMain;
    private volatile long lastPassMillis;
    private Thread control;
    private final RuntimeSettings runtimeSettings;
    private final ApplicationEventPublisher events;
    private final UnitStatusUpdates updates;
    private final DeletionWatches watches = new DeletionWatches(this::deleted);

    Reconciler(DesiredUnits desired, UnitReconciler units, UnitStatusRepository statuses, ClusterService clusters, GitOpsRepository gitops,
               SystemActor system, ReconcileSettings settings, LeaderLeaseRepository leases, Clock clock, MeterRegistry meters,
               RuntimeSettings runtimeSettings, ApplicationEventPublisher events, UnitStatusUpdates updates) {
        this.runtimeSettings = runtimeSettings;
        this.events = events;
        this.updates = updates;
        this.desired = desired;
        this.units = units;
        this.statuses = statuses;
        this.clusters = clusters;
        this.gitops = gitops;
        this.system = system;
        this.settings = settings;
        this.election = new LeaderElection(leases, LeaderElection.LEASE, settings.leaseTtl());
        this.clock = clock;
        meters.gauge("chartroom.reconcile.writes", units, UnitReconciler::writes);
        meters.gauge("chartroom.reconcile.in_flight", inFlight, Set::size);
        meters.gauge("chartroom.reconcile.leader", election, e -> e.leader() ? 1 : 0);
        meters.gauge("chartroom.reconcile.watches", watches, DeletionWatches::size);
    }

    // ---- triggers ------------------------------------------------------------------------------------

    /** Main moved (a merge landed): plan now rather than at the next tick. */
    @EventListener
    void mainMoved(MainMoved event) {
        wake();
    }

    /** An admin's change freeze (run-time setting): the leader keeps its lease but does no work. */
    public boolean paused() {
        return runtimeSettings.flag(Setting.RECONCILE_PAUSED);
    }

    public void wake() {
        wake.set(true);
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Applies a release's units again now, even if nothing changed (after a drift that is not healed by itself). */
    public int syncNow(String release) {
        return syncNow(release, false);
    }

    /** Runs the release's Helm test hooks on every cluster it runs on; returns how many units. */
    public int runTests(String release) {
        if (paused()) {
            throw new ConflictException("the reconciler is paused by an admin (Settings); nothing runs on the clusters until it resumes");
        }
        List<DesiredUnits.Unit> selected = plan.values().stream().filter(u -> u.key().release().equals(release)).toList();
        selected.forEach(u -> schedule(u, Work.TEST));
        return selected.size();
    }

    /** {@code rotateGeneratedSecrets}: Secret keys the chart generates are rendered anew instead of kept as they are. */
    public int syncNow(String release, boolean rotateGeneratedSecrets) {
        if (paused()) {
            throw new ConflictException("the reconciler is paused by an admin (Settings); nothing is applied until it resumes");
        }
        List<DesiredUnits.Unit> selected = plan.values().stream().filter(u -> u.key().release().equals(release)).toList();
        selected.forEach(u -> schedule(u, rotateGeneratedSecrets ? Work.ROTATE : Work.FORCE));
        return selected.size();
    }

    public Stats stats() {
        return new Stats(election.leader(), election.identity(), units.writes(), inFlight.size(), passes.get(), lastPassMillis, lastMain,
                driftSweeps.get(), watches.size());
    }

    // ---- the loop -------------------------------------------------------------------------------------

    private void loop() {
        Instant nextRenew = Instant.EPOCH;
        Instant nextPass = Instant.EPOCH;
        Instant nextDrift = clock.instant().plus(settings.driftInterval());
        Instant nextHealth = Instant.EPOCH;
        Instant nextWatch = Instant.EPOCH;
        boolean wasLeader = false;
        while (running.get()) {
            try {
                Instant now = clock.instant();
                if (!now.isBefore(nextRenew)) {
                    election.renew();
                    nextRenew = now.plus(settings.leaseTtl().dividedBy(4));
                }
                boolean leader = election.leader();
                if (leader && !wasLeader) {
                    system.run(this::takeOver);
                    nextPass = now;
                }
                wasLeader = leader;
                if (!leader || paused()) {
                    watches.close(); // another replica reconciles, or nobody does: deletions wait for the sweep
                    nextWatch = Instant.EPOCH;
                }
                if (leader && !paused()) {
                    if (!now.isBefore(nextWatch)) {
                        system.run(this::keepWatches);
                        nextWatch = now.plus(WATCH_INTERVAL);
                    }
                    String main = gitops.main();
                    if (wake.getAndSet(false) || !main.equals(lastMain) || !now.isBefore(nextPass)) {
                        system.run(() -> pass(main));
                        nextPass = clock.instant().plus(settings.interval());
                    }
                    Map<UnitKey, DesiredUnits.Unit> current = plan;
                    system.run(() -> statuses.dueRetries(now).forEach(key -> {
                        DesiredUnits.Unit unit = current.get(key);
                        if (unit != null) {
                            schedule(unit, Work.APPLY);
                        }
                    }));
                    if (!now.isBefore(nextHealth)) {
                        // a cluster still busy applying is looked at once its applies are done: applying comes first
                        scheduleStatus(statuses::settling, s -> applying(s.key().cluster()) == 0, Work.HEALTH);
                        nextHealth = now.plus(HEALTH_INTERVAL);
                    }
                    if (!now.isBefore(nextDrift)) {
                        scheduleStatus(statuses::findAll, s -> s.sync() == SyncState.SYNCED || s.sync() == SyncState.OUT_OF_SYNC, Work.DRIFT);
                        driftSweeps.incrementAndGet();
                        nextDrift = now.plus(settings.driftInterval());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Reconcile loop: {}", e.getMessage(), e);
            }
            synchronized (signal) {
                if (!wake.get() && running.get()) {
                    try {
                        signal.wait(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /**
     * Watches the kinds of objects units hold on each real cluster, for deletions. Simulated clusters are not
     * watched: only Chartroom changes them, and their in-process API server would pay for every event.
     */
    private void keepWatches() {
        Map<String, Cluster> real = new HashMap<>();
        clusters.list().stream().filter(c -> !c.simulated()).forEach(c -> real.put(c.name(), c));
        Set<DeletionWatches.Kind> wanted = statuses.appliedKinds().stream().filter(k -> real.containsKey(k.get(0)))
                .map(k -> new DeletionWatches.Kind(k.get(0), k.get(1), k.get(2))).collect(Collectors.toSet());
        watches.keep(wanted, name -> units.client(real.get(name)));
    }

    /** A managed object was deleted on a cluster: its unit is checked now (Missing, and re-created with self-heal). */
    private void deleted(UnitKey key, DeletionWatches.Kind kind) {
        DesiredUnits.Unit unit = plan.get(key);
        if (unit == null || !running.get()) {
            return; // a unit being removed: those are its own deletes
        }
        units.deleted(kind.cluster(), kind.apiVersion(), kind.kind());
        schedule(unit, Work.DRIFT);
    }

    /** A new leader: simulated clusters of this process start empty, so what they hold is applied again. */
    private void takeOver() {
        lastMain = null;
        clusters.list().stream().filter(Cluster::simulated).forEach(c -> statuses.forgetApplied(c.name()));
    }

    /** Plans main: due units are applied, units it no longer asks for removed. Cheap when nothing changed. */
    private void pass(String main) {
        long start = System.nanoTime();
        DesiredUnits.Plan next = desired.at(main);
        Map<UnitKey, DesiredUnits.Unit> byKey = new HashMap<>();
        next.units().forEach(u -> byKey.put(u.key(), u));
        plan = byKey;
        Map<UnitKey, UnitStatus> known = new HashMap<>();
        statuses.findAll().forEach(s -> known.put(s.key(), s));
        Instant now = clock.instant();
        for (DesiredUnits.Unit unit : next.units()) {
            if (units.due(unit, known.get(unit.key()), now)) {
                schedule(unit, Work.APPLY);
            } else if (!main.equals(known.get(unit.key()).revision())) {
                statuses.revision(unit.key(), main, now);
            }
        }
        Map<String, Cluster> clustersByName = new HashMap<>();
        clusters.list().forEach(c -> clustersByName.put(c.name(), c));
        List<UnitStatus> leaving = known.values().stream()
                .filter(s -> !byKey.containsKey(s.key()) && !next.unreadable().containsKey(s.key().release())).toList();
        // what this pass would delete per cluster, from units a change request removed (orphans are held anyway)
        Map<String, Integer> pruning = new HashMap<>();
        leaving.stream().filter(s -> !next.runs(s.key().release(), s.key().environment()) && s.removalConfirmedBy() == null)
                .forEach(s -> pruning.merge(s.key().cluster(), s.prunableObjects(pruneCrds(next, s)), Integer::sum));
        for (UnitStatus status : leaving) {
            if (holds(status, next, pruning.getOrDefault(status.key().cluster(), 0), now)) {
                continue;
            }
            if (status.removalFailed() && status.nextAttemptAt() != null && status.nextAttemptAt().isAfter(now)) {
                continue; // a removal that failed waits for its back-off like any other attempt
            }
            if (inFlight.add(status.key())) {
                Cluster cluster = clustersByName.get(status.key().cluster());
                boolean pruneCrds = pruneCrds(next, status);
                run(status.key(), cluster == null ? status.key().cluster() : cluster.name(), true, () -> units.remove(status, cluster, pruneCrds));
            }
        }
        lastMain = main;
        passes.incrementAndGet();
        lastPassMillis = (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Whether a unit main no longer plans keeps its objects for now: an orphan (main still runs the release in
     * the environment, which no longer selects the cluster: a label or selector changed, not a change request),
     * or one of a pass that would delete more objects on its cluster than allowed. Held until an ADMIN confirms.
     */
    private boolean holds(UnitStatus status, DesiredUnits.Plan next, int pruningOnCluster, Instant now) {
        if (status.removalConfirmedBy() != null) {
            return false;
        }
        SyncState state;
        String why;
        if (next.runs(status.key().release(), status.key().environment())) {
            state = SyncState.ORPHANED;
            why = "environment " + status.key().environment() + " no longer selects cluster " + status.key().cluster()
                    + " (its labels, the selector or the cluster changed): its " + status.prunableObjects(pruneCrds(next, status))
                    + " objects stay until an ADMIN confirms their removal";
        } else if (pruningOnCluster > settings.pruneConfirmAbove()) {
            state = SyncState.PRUNE_PENDING;
            why = "this pass would delete " + pruningOnCluster + " objects on cluster " + status.key().cluster() + " (more than "
                    + settings.pruneConfirmAbove() + "): waiting for an ADMIN to confirm";
        } else {
            return false;
        }
        if (status.sync() != state || !why.equals(status.message())) {
            system.run(() -> {
                statuses.hold(status.key(), state, why, now);
                events.publishEvent(new ReconcileEvent(state == SyncState.ORPHANED ? "orphaned" : "prune_held", status.key(), "system",
                        Map.of("objects", status.prunableObjects(pruneCrds(next, status)), "why", why)));
            });
            updates.changed(status.key());
        }
        return true;
    }

    private static boolean pruneCrds(DesiredUnits.Plan plan, UnitStatus status) {
        Environment environment = plan.environments().get(status.key().environment());
        return environment != null && environment.pruneCrds();
    }

    /** Cluster and environment changes change which units exist: look at once rather than at the next pass. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onChange(AuditableEvent event) {
        String action = event.auditEntry().action();
        if (action.startsWith("cluster.") || action.startsWith("environment.")) {
            wake();
        }
    }

    private void scheduleStatus(Supplier<List<UnitStatus>> candidates, Predicate<UnitStatus> which, Work work) {
        Map<UnitKey, DesiredUnits.Unit> current = plan;
        system.run(() -> candidates.get().stream().filter(which).forEach(s -> {
            DesiredUnits.Unit unit = current.get(s.key());
            if (unit != null) {
                schedule(unit, work);
            }
        }));
    }

    private void schedule(DesiredUnits.Unit unit, Work work) {
        UnitKey key = unit.key();
        if (!inFlight.add(key)) {
            // busy: run it after the current work (a change or a drift check arriving meanwhile is not lost)
            again.merge(key, work, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            return;
        }
        run(key, unit.cluster().name(), work == Work.APPLY || work == Work.FORCE || work == Work.ROTATE, () -> {
            switch (work) {
                case APPLY, FORCE -> units.reconcile(unit, work == Work.FORCE);
                case ROTATE -> units.reconcile(unit, true, true);
                case TEST -> units.runTests(unit);
                case HEALTH -> statuses.find(key).ifPresent(s -> units.refreshHealth(unit, s));
                case DRIFT -> statuses.find(key).ifPresent(s -> units.checkDrift(unit, s));
            }
        });
    }

    /** Applies waiting or running on the cluster. */
    private int applying(String cluster) {
        AtomicInteger n = applying.get(cluster);
        return n == null ? 0 : n.get();
    }

    private void run(UnitKey key, String cluster, boolean apply, Runnable work) {
        AtomicInteger applies = applying.computeIfAbsent(cluster, c -> new AtomicInteger());
        if (apply) {
            applies.incrementAndGet();
        }
        try {
            workers.submit(() -> execute(key, cluster, apply, work));
        } catch (RejectedExecutionException stopping) {
            if (apply) {
                applies.decrementAndGet();
            }
            inFlight.remove(key);
        }
    }

    /** Runs the work within the cluster's permits; then the work that arrived for the unit meanwhile. */
    private void execute(UnitKey key, String cluster, boolean apply, Runnable work) {
        Semaphore permits = perCluster.computeIfAbsent(cluster, c -> new Semaphore(settings.clusterParallelism()));
        try {
            permits.acquire();
            try {
                system.run(work);
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
            DesiredUnits.Unit unit = plan.get(key);
            if (next != null && unit != null && running.get()) {
                schedule(unit, next);
            }
        }
    }

    // ---- lifecycle ------------------------------------------------------------------------------------

    @Override
    public void start() {
        if (!settings.enabled() || !running.compareAndSet(false, true)) {
            return;
        }
        if (workers.isShutdown()) {
            workers = Executors.newVirtualThreadPerTaskExecutor();
        }
        control = Thread.ofPlatform().name("reconcile-control").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        wake();
        try {
            control.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watches.close();
        workers.shutdown();
        try {
            workers.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // best effort and bounded: when the database is already gone (the JVM is exiting) the lease simply
        // expires after lease-ttl, rather than holding up shutdown for the pool's connection timeout
        try {
            if (!Thread.ofVirtual().name("reconcile-resign").start(election::resign).join(Duration.ofSeconds(2))) {
                log.info("The database did not answer in time; the reconcile lease expires by itself");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Starts after everything else (the simulated clusters, the render workers), stops before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
