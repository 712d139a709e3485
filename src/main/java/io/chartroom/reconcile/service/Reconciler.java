package io.chartroom.reconcile.service;

import io.chartroom.reconcile.cache.ObjectCache;
import io.chartroom.reconcile.domain.ReconcileSettings;
import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.service.ClusterService;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.MainMoved;
import io.chartroom.settings.domain.Setting;
import io.chartroom.settings.service.RuntimeSettings;
import io.chartroom.base.event.AuditableEvent;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.reconcile.service.UnitWorkQueue.Work;
import io.chartroom.security.service.SystemActor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The reconcile loop, in every replica, for the clusters that replica reconciles ({@link ClusterShards}: each cluster
 * by one replica at a time; the leader also removes units of clusters no longer registered). It watches main (a
 * merge wakes it at once), and on every change and every interval plans the units: the ones whose inputs changed,
 * that never applied, or whose back-off has passed are applied; units main no longer asks for are removed;
 * progressing ones are looked at again every few seconds; every drift interval live objects are compared with what
 * was applied. Each unit runs on its own virtual thread, at most a few at a time per cluster, so that a slow or
 * failing cluster never holds up the others.
 */
@Component
public class Reconciler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final UnitReconciler units;
    private final UnitStatusRepository statuses;
    private final ClusterService clusters;
    private final GitOpsRepository gitops;
    private final SystemActor system;
    private final ReconcileSettings settings;
    private final LeaderElection election;
    private final ClusterShards shards;
    private final UnitRequests requests;
    private volatile java.util.Set<String> registered = java.util.Set.of();
    private final Clock clock;
    private final Object signal = new Object();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wake = new AtomicBoolean();
    private final AtomicLong passes = new AtomicLong();
    private volatile Map<UnitKey, DesiredUnits.Unit> plan = Map.of();
    private volatile String lastMain;
    private volatile long lastPassMillis;
    private Thread control;
    private final RuntimeSettings runtimeSettings;
    private final ObjectCache watches;
    private final UnitWorkQueue queue;
    private final PlanPass planPass;
    private final PeriodicWork periodic;

    Reconciler(DesiredUnits desired, UnitReconciler units, UnitStatusRepository statuses, ClusterService clusters, GitOpsRepository gitops,
               SystemActor system, ReconcileSettings settings, DataSource dataSource, Clock clock, MeterRegistry meters,
               RuntimeSettings runtimeSettings, ApplicationEventPublisher events, UnitStatusUpdates updates,
               io.chartroom.base.database.ReplicaNotifications replicas) {
        this.runtimeSettings = runtimeSettings;
        this.units = units;
        this.watches = units.cache();
        units.listen(this::changed);
        this.statuses = statuses;
        this.clusters = clusters;
        this.gitops = gitops;
        this.system = system;
        this.settings = settings;
        this.election = new LeaderElection(dataSource, LeaderElection.LOCK);
        this.shards = new ClusterShards(dataSource, ClusterShards.GROUP, election.identity());
        this.clock = clock;
        this.queue = new UnitWorkQueue(units, statuses, system, settings.clusterParallelism(), key -> plan.get(key), running::get, shards::owns,
                this::mine);
        this.planPass = new PlanPass(desired, units, statuses, clusters, queue, new LeavingUnits(statuses, system, settings, events, updates),
                clock);
        // watched for deletions: the kinds of objects units hold on each cluster this replica reconciles
        this.periodic = new PeriodicWork(statuses, queue, system, settings, clock,
                () -> watches.keep(clusters.list().stream().filter(c -> shards.owns(c.name())).toList(), statuses.appliedKinds(), units::client));
        this.requests = new UnitRequests(units, statuses, queue, replicas, () -> plan, this::mine, () -> running.get() && !paused(), system);
        meters.gauge("chartroom.reconcile.writes", units, UnitReconciler::writes);
        meters.gauge("chartroom.reconcile.in_flight", queue, UnitWorkQueue::inFlight);
        meters.gauge("chartroom.reconcile.leader", election, e -> e.leader() ? 1 : 0);
        meters.gauge("chartroom.reconcile.clusters", shards, s -> s.owned().size());
        meters.gauge("chartroom.reconcile.watches", watches, ObjectCache::size);
        meters.gauge("chartroom.reconcile.watch_events", watches, ObjectCache::events);
    }

    /**
     * Main moved (a merge landed): plan now rather than at the next tick; once the merge's transaction has
     * committed, so that its change request is merged (and audited as such) before anything is applied.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
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

    /**
     * Runs the Helm test hooks of the release's units ({@code environment}, {@code cluster} null: all) for {@code actor}
     * (who their outcome is audited as), on whichever replica reconciles each; how many units.
     */
    public int runTests(String release, @Nullable String environment, @Nullable String cluster, String actor) {
        return requests.schedule(new UnitRequest(Work.TEST, actor, release, environment, cluster), paused(),
                "nothing runs on the clusters until it resumes");
    }

    /**
     * Applies a release's units again now, even if nothing changed (after a drift that is not healed by itself);
     * {@code rotateGeneratedSecrets}: Secret keys the chart generates are rendered anew instead of kept as they are.
     */
    public int syncNow(String release, boolean rotateGeneratedSecrets, String actor) {
        return requests.schedule(new UnitRequest(rotateGeneratedSecrets ? Work.ROTATE : Work.FORCE, actor, release, null, null), paused(),
                "nothing is applied until it resumes");
    }

    /** Whether this replica removes units on a cluster: one it reconciles, or (the leader only) one no longer registered. */
    private boolean mine(String cluster) {
        return shards.owns(cluster) || election.leader() && !registered.contains(cluster);
    }

    /** Which replica reconciles each cluster now (clusters none holds yet are absent). */
    public Map<String, String> reconciledBy(java.util.Collection<String> clusterNames) {
        return shards.holders(clusterNames);
    }

    public ReconcilerStats stats() {
        return new ReconcilerStats(election.leader(), election.identity(), shards.owned().size(), units.writes(), queue.inFlight(), passes.get(), lastPassMillis, lastMain,
                periodic.driftSweeps(), watches.size());
    }

    private void loop() {
        Instant nextRenew = Instant.EPOCH;
        Instant nextPass = Instant.EPOCH;
        boolean wasLeader = false;
        while (running.get()) {
            try {
                Instant now = clock.instant();
                if (!now.isBefore(nextRenew)) {
                    election.renew();
                    List<Cluster> registeredNow = system.call(clusters::list);
                    registered = registeredNow.stream().map(Cluster::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
                    java.util.Set<String> gained = shards.renew(registered, queue::busy, election.holder());
                    if (!gained.isEmpty()) {
                        system.run(() -> takeOver(registeredNow, gained));
                        nextPass = now;
                    }
                    nextRenew = now.plus(settings.leaderCheck());
                }
                boolean active = election.leader() || !shards.owned().isEmpty();
                if (election.leader() && !wasLeader) {
                    nextPass = now; // units of clusters no longer registered are this replica's to remove now
                }
                wasLeader = election.leader();
                if (!active || paused()) {
                    watches.close(); // other replicas reconcile, or nobody does: deletions wait for the sweep
                    periodic.watchesClosed();
                }
                if (active && !paused()) {
                    String main = gitops.main();
                    if (wake.getAndSet(false) || !main.equals(lastMain) || !now.isBefore(nextPass)) {
                        system.run(() -> pass(main));
                        nextPass = clock.instant().plus(settings.interval());
                    }
                    periodic.tick(now, plan);
                }
            } catch (RuntimeException e) {
                shards.suspend(e.getMessage()); // its look may not have run: no new work until one does
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
     * Someone else changed or deleted a managed object on a cluster: its unit is checked now (drift, Missing, and
     * healed where the environment self-heals), not at the next sweep.
     */
    private void changed(UnitKey key, ObjectCache.Kind kind, boolean deleted) {
        DesiredUnits.Unit unit = plan.get(key);
        if (unit == null || !running.get()) {
            return; // a unit being removed: those are its own deletes
        }
        if (deleted) {
            units.deleted(kind.cluster(), kind.apiVersion(), kind.kind());
        }
        queue.schedule(unit, Work.DRIFT);
    }

    /**
     * Clusters this replica reconciles from now on: planned at once. Simulated clusters live in their process and
     * start empty in this one, so what they hold is applied again.
     */
    private void takeOver(List<Cluster> registeredNow, java.util.Set<String> gained) {
        lastMain = null;
        registeredNow.stream().filter(c -> c.simulated() && gained.contains(c.name())).forEach(c -> statuses.forgetApplied(c.name()));
    }

    /** Plans main: due units are applied, units it no longer asks for removed. Cheap when nothing changed. */
    private void pass(String main) {
        long start = System.nanoTime();
        plan = planPass.run(main, shards::owns, this::mine);
        lastMain = main;
        passes.incrementAndGet();
        lastPassMillis = (System.nanoTime() - start) / 1_000_000;
    }

    /** Cluster and environment changes change which units exist: look at once rather than at the next pass. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onChange(AuditableEvent event) {
        String action = event.auditEntry().action();
        if (action.startsWith("cluster.") || action.startsWith("environment.")) {
            wake();
        }
    }

    @Override
    public void start() {
        if (!settings.enabled() || !running.compareAndSet(false, true)) {
            return;
        }
        queue.start();
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
        queue.stop();
        shards.leave();
        // best effort and bounded: when the database is already gone (the JVM is exiting) its session, and the
        // leader's lock with it, ends by itself, rather than holding up shutdown
        try {
            if (!Thread.ofVirtual().name("reconcile-resign").start(election::resign).join(Duration.ofSeconds(2))) {
                log.info("The database did not answer in time; the leader's lock ends with its session");
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
