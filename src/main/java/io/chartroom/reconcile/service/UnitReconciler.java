package io.chartroom.reconcile.service;

import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.service.ClusterConnections;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.render.service.HelmDocument;
import io.chartroom.render.service.RenderService;
import io.chartroom.secrets.service.SecretResolver;
import io.chartroom.values.service.ReleaseDraftService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciles one unit: render, apply in order with server-side apply, prune what it no longer renders, assess
 * health, record status; or does nothing when its inputs (release files, cluster version, secrets) are what it
 * last applied. Also compares live objects with what was applied (drift) and removes units main no longer
 * asks for. Runs as the system; every cluster call is bounded by the client's timeouts.
 */
@Component
class UnitReconciler {

    /** Bump when what is applied for the same inputs changes (labels, defaults), so that everything is applied again. */
    private static final String FORMAT = "1";

    enum Result { NOTHING_TO_DO, APPLIED, FAILED }

    private final ReleaseDraftService drafts;
    private final SecretResolver secrets;
    private final ClusterConnections connections;
    private final UnitStatusRepository statuses;
    private final ReconcileSettings settings;
    private final ApplicationEventPublisher events;
    private final UnitStatusUpdates updates;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final AtomicLong writes = new AtomicLong();
    private final RecentNamespaces namespaces;
    private final LiveReads reads;
    /** Per unit, the objects that were not yet healthy when last looked at: all a health refresh needs to read. */
    private final Map<UnitKey, List<ObjectRef>> unsettled = new ConcurrentHashMap<>();
    private final GeneratedSecrets generatedSecrets = new GeneratedSecrets();
    private final DriftReference references = new DriftReference();
    /** Per unit, the drift that was healed last: the same drift right after a heal is not healed again. */
    private final Map<UnitKey, List<String>> lastHealed = new ConcurrentHashMap<>();

    UnitReconciler(ReleaseDraftService drafts, SecretResolver secrets, ClusterConnections connections, UnitStatusRepository statuses,
                   ReconcileSettings settings, ApplicationEventPublisher events, UnitStatusUpdates updates, Clock clock,
                   TransactionTemplate tx) {
        this.tx = tx;
        this.namespaces = new RecentNamespaces(clock);
        this.reads = new LiveReads(clock);
        this.drafts = drafts;
        this.secrets = secrets;
        this.connections = connections;
        this.statuses = statuses;
        this.settings = settings;
        this.events = events;
        this.updates = updates;
        this.clock = clock;
    }

    /** The cluster's client, for the watches of its objects. */
    KubernetesClient client(Cluster cluster) {
        return connections.client(cluster);
    }

    /** An object of this kind was deleted on the cluster: what was listed before is stale. */
    void deleted(String cluster, String apiVersion, String kind) {
        reads.forget(cluster, apiVersion, kind);
    }

    /** Writes (applies and deletes) made to clusters since start. */
    long writes() {
        return writes.get();
    }

    /** What a unit would apply: the merged values with secrets resolved, and the fingerprint of its inputs. */
    private record Inputs(SecretResolver.Resolved values, String fingerprint) {}

    private Inputs inputs(DesiredUnits.Unit unit) {
        SecretResolver.Resolved resolved = secrets.resolve(drafts.mergedValues(unit.release(), unit.key().environment()));
        String fingerprint = sha256(FORMAT, unit.releaseTree(), unit.key().environment(), kubeVersion(unit), resolved.fingerprint());
        return new Inputs(resolved, fingerprint);
    }

    /** Whether the unit needs work: never applied, inputs changed, failed and due again, or forced. */
    boolean due(DesiredUnits.Unit unit, UnitStatus status, Instant now) {
        if (status == null || status.inputHash() == null || status.pendingInventory() != null || status.sync().awaitsConfirmation()) {
            return true; // an orphan whose cluster is selected again is applied (and Synced) again
        }
        if (status.sync() == SyncState.FAILED) {
            return status.nextAttemptAt() == null || !status.nextAttemptAt().isAfter(now);
        }
        try {
            return !inputs(unit).fingerprint().equals(status.inputHash());
        } catch (RuntimeException e) {
            return true; // the values or a secret cannot be read: reconcile() records why
        }
    }

    Result reconcile(DesiredUnits.Unit unit, boolean force) {
        return reconcile(unit, force, false);
    }

    /** {@code rotate}: generated Secret keys are applied as rendered now, not kept as the cluster has them. */
    Result reconcile(DesiredUnits.Unit unit, boolean force, boolean rotate) {
        UnitKey key = unit.key();
        String revision = unit.revision();
        long start = System.nanoTime();
        UnitStatus status = statuses.find(key).orElse(null);
        try {
            Inputs inputs = inputs(unit);
            if (!force && status != null && inputs.fingerprint().equals(status.inputHash()) && status.sync() == SyncState.SYNCED
                    && status.pendingInventory() == null) {
                if (!revision.equals(status.revision())) {
                    statuses.revision(key, revision, clock.instant());
                }
                return Result.NOTHING_TO_DO;
            }
            RenderService.Outcome rendered = drafts.renderManifest(unit.release(), kubeVersion(unit), inputs.values().values(),
                    !inputs.values().any());
            if (!rendered.ok()) {
                throw new IllegalStateException("the chart does not render: " + rendered.error());
            }
            List<DesiredObjects.Desired> all = DesiredObjects.from(rendered.manifest(), unit.release().name(), key.environment(),
                    unit.release().namespace(), revision);
            // hooks and tests are run, not kept: they are not part of the inventory (never pruned, never compared)
            List<DesiredObjects.Desired> desired = all.stream().filter(DesiredObjects.Desired::inventory).toList();
            boolean upgrade = status != null && !status.inventory().isEmpty();
            List<DesiredObjects.Desired> preHooks = DesiredObjects.hooks(all, upgrade ? "pre-upgrade" : "pre-install");
            List<DesiredObjects.Desired> postHooks = DesiredObjects.hooks(all, upgrade ? "post-upgrade" : "post-install");
            List<ObjectRef> wanted = desired.stream().map(DesiredObjects.Desired::ref).toList();
            Map<String, Set<String>> generated = rotate ? Map.of() : generatedSecrets.of(inputs.fingerprint(), rendered.manifest(),
                    () -> drafts.renderManifest(unit.release(), kubeVersion(unit), inputs.values().values(), false).manifest());
            Map<String, ObjectRef> previous = new LinkedHashMap<>();
            if (status != null) {
                status.inventory().forEach(r -> previous.put(r.identity(), r));
                if (status.pendingInventory() != null) {
                    status.pendingInventory().forEach(r -> previous.put(r.identity(), r));
                }
            }
            Map<String, ObjectRef> pending = new LinkedHashMap<>(previous);
            wanted.forEach(r -> pending.put(r.identity(), r));
            tx.executeWithoutResult(t -> {
                statuses.beginApply(key, List.copyOf(pending.values()), clock.instant());
                events.publishEvent(new ReconcileEvent("started", key, "system",
                        Map.of("revision", revision, "objects", desired.size(), "forced", force)));
            });

            KubeObjects kube = kube(unit.cluster());
            HookRunner hookRunner = new HookRunner(kube, settings.hookTimeout(), clock);
            Map<ObjectRef, Map<String, Object>> live = new LinkedHashMap<>();
            List<String> hooksRun = new ArrayList<>();
            boolean preHooksDone = preHooks.isEmpty();
            for (DesiredObjects.Desired d : desired) {
                boolean namespace = d.ref().kind().equals("Namespace");
                // Helm install: crds/ first, then the pre-install/pre-upgrade hooks (in the namespace), then the rest
                if (!preHooksDone && !namespace && d.phase() != HelmDocument.Phase.CRD) {
                    hooksRun.addAll(hookRunner.run(upgrade ? "pre-upgrade" : "pre-install", preHooks));
                    preHooksDone = true;
                }
                if (namespace && !force && namespaces.fresh(unit.cluster().name(), d.object())) {
                    continue;
                }
                Map<String, Object> object = generated.containsKey(d.ref().name()) && d.ref().kind().equals("Secret")
                        ? GeneratedSecrets.keepLive(d.object(), kube.get(d.ref()), generated.get(d.ref().name())) : d.object();
                Map<String, Object> answer = kube.apply(object);
                references.applied(key, d.ref(), inputs.fingerprint(), object, answer);
                live.put(d.ref(), answer);
                if (namespace) {
                    namespaces.applied(unit.cluster().name(), d.object());
                }
                if (d.ref().kind().equals("CustomResourceDefinition")) {
                    kube.awaitEstablished(d.ref().name(), settings.crdTimeout());
                }
            }
            if (!preHooksDone) {
                hooksRun.addAll(hookRunner.run(upgrade ? "pre-upgrade" : "pre-install", preHooks));
            }
            wanted.forEach(r -> previous.remove(r.identity()));
            List<String> prunedObjects = new ArrayList<>();
            for (ObjectRef gone : previous.values()) {
                // namespaces are never pruned: other releases may live in them; CRDs only where the environment says so
                if (gone.prunable(unit.environment().pruneCrds()) && kube.delete(gone)) {
                    prunedObjects.add(gone.toString());
                }
            }
            int pruned = prunedObjects.size();
            if (!postHooks.isEmpty()) {
                // Helm runs them once the release is ready; Argo CD once it is healthy
                live.putAll(hookRunner.awaitHealthy(live));
                hooksRun.addAll(hookRunner.run(upgrade ? "post-upgrade" : "post-install", postHooks));
            }
            HealthAssessor.Health health = HealthAssessor.worst(live);
            remember(key, live);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long namespaces = wanted.stream().filter(r -> r.kind().equals("Namespace")).count();
            long own = wanted.size() - namespaces;
            // named as the status card names them: the namespace is shared with other releases
            String message = "applied " + own + (own == 1 ? " object" : " objects") + (namespaces > 0 ? " + namespace" : "")
                    + (pruned > 0 ? ", pruned " + pruned : "") + (hooksRun.isEmpty() ? "" : ", ran " + hooksRun.size()
                    + (hooksRun.size() == 1 ? " hook" : " hooks"));
            String action = rotate ? "secrets_rotated" : force && status != null && status.inputHash() != null
                    && status.inputHash().equals(inputs.fingerprint()) ? "reapplied" : "applied";
            // status, history and audit in one transaction; the audit rows last, as they hold the chain's lock until commit
            tx.executeWithoutResult(t -> {
                statuses.applied(key, revision, inputs.fingerprint(), wanted, health.state(), health.message(), clock.instant());
                statuses.history(key, revision, SyncState.SYNCED, health.state(), message, desired.size(), pruned, millis, clock.instant());
                if (pruned > 0) {
                    events.publishEvent(new ReconcileEvent("pruned", key, "system", Map.of("revision", revision, "objects", prunedObjects)));
                }
                events.publishEvent(new ReconcileEvent(action, key, "system",
                        Map.of("revision", revision, "applied", desired.size(), "pruned", pruned, "millis", millis, "hooks", hooksRun)));
            });
            updates.changed(key);
            return Result.APPLIED;
        } catch (RuntimeException e) {
            fail(key, revision, status, describe(e), start);
            return Result.FAILED;
        }
    }

    private void fail(UnitKey key, String revision, UnitStatus status, String message, long start) {
        namespaces.forget(key.cluster());
        reads.forget(key.cluster());
        unsettled.remove(key);
        int attempts = status == null ? 1 : status.attempts() + 1;
        long delay = Math.min(settings.maxBackoff().toMillis(), 2000L << Math.min(attempts - 1, 16));
        Instant next = clock.instant().plusMillis(delay);
        boolean news = status == null || status.sync() != SyncState.FAILED || !message.equals(status.message());
        tx.executeWithoutResult(t -> {
            statuses.failed(key, revision, message, attempts, next, clock.instant());
            if (news) {
                statuses.history(key, revision, SyncState.FAILED, HealthState.UNKNOWN, message, 0, 0, (System.nanoTime() - start) / 1_000_000,
                        clock.instant());
                events.publishEvent(new ReconcileEvent("failed", key, "system", Map.of("revision", revision, "error", message)));
            }
        });
        updates.changed(key);
    }

    /**
     * Looks again at the objects that were not healthy yet (after a restart: every kind whose health depends on
     * its status); records health when it changed (a rollout finishing). The others were healthy and stay so
     * until the drift check, which reads everything, says otherwise.
     */
    void refreshHealth(DesiredUnits.Unit unit, UnitStatus status) {
        try {
            List<ObjectRef> refs = unsettled.get(unit.key());
            if (refs == null || refs.isEmpty()) { // unknown (a restart), or set Progressing by the drift check
                refs = status.inventory().stream().filter(r -> HealthAssessor.dependsOnStatus(r.kind())).toList();
            }
            KubeObjects kube = kube(unit.cluster());
            String cluster = unit.cluster().name();
            Map<ObjectRef, Map<String, Object>> live = new LinkedHashMap<>();
            refs.forEach(ref -> live.put(ref, reads.read(cluster, kube, ref, () -> waiting(cluster, ref.kind()), status.lastAppliedAt())));
            remember(unit.key(), live);
            HealthAssessor.Health health = ProgressDeadline.apply(HealthAssessor.worst(live), live, status.lastAppliedAt(), clock.instant(),
                    settings.progressDeadline());
            if (health.state() != status.health() || !health.message().equals(status.message())) {
                statuses.health(unit.key(), health.state(), health.message(), clock.instant());
                updates.changed(unit.key());
            }
        } catch (RuntimeException e) {
            statuses.health(unit.key(), HealthState.UNKNOWN, "cannot read the objects: " + describe(e), clock.instant());
            updates.changed(unit.key());
        }
    }

    /**
     * Compares the live objects with what was applied (only the fields Chartroom sets). A drift is recorded and
     * audited; with self-heal the unit is applied again at once. Returns the differences found.
     */
    List<String> checkDrift(DesiredUnits.Unit unit, UnitStatus status) {
        UnitKey key = unit.key();
        try {
            Inputs inputs = inputs(unit);
            if (!inputs.fingerprint().equals(status.inputHash())) {
                return List.of(); // not applied yet: the next pass applies it anyway
            }
            RenderService.Outcome rendered = drafts.renderManifest(unit.release(), kubeVersion(unit), inputs.values().values(),
                    !inputs.values().any());
            if (!rendered.ok()) {
                return List.of();
            }
            KubeObjects kube = kube(unit.cluster());
            String cluster = unit.cluster().name();
            Map<String, Set<String>> generated = generatedSecrets.of(inputs.fingerprint(), rendered.manifest(),
                    () -> drafts.renderManifest(unit.release(), kubeVersion(unit), inputs.values().values(), false).manifest());
            List<String> drift = new ArrayList<>();
            HealthAssessor.Health health = HealthAssessor.Health.healthy();
            Map<ObjectRef, Map<String, Object>> seen = new LinkedHashMap<>();
            Map<String, String> changedBy = new LinkedHashMap<>();
            for (DesiredObjects.Desired d : DesiredObjects.from(rendered.manifest(), unit.release().name(), key.environment(),
                    unit.release().namespace(), status.revision() == null ? unit.revision() : status.revision())) {
                if (!d.inventory()) {
                    continue; // hooks are run, not kept: that a Job hook is gone after it succeeded is no drift
                }
                // a drift sweep reads every unit of the cluster: about one object of each kind per unit
                Map<String, Object> live;
                try {
                    live = reads.read(cluster, kube, d.ref(), () -> units(cluster), status.lastAppliedAt());
                } catch (KubeObjects.KindNotServed gone) {
                    live = null; // its CRD was deleted, and with it every object of its kind: missing, not unknown
                }
                seen.put(d.ref(), live);
                if (live == null) {
                    drift.add(d.ref() + ": missing on the cluster");
                    health = HealthAssessor.worse(health, new HealthAssessor.Health(HealthState.MISSING, d.ref() + " is missing"));
                    continue;
                }
                // a generated Secret key is what the cluster has, not what this render made up
                Map<String, Object> sent = d.ref().kind().equals("Secret")
                        ? GeneratedSecrets.keepLive(d.object(), live, generated.get(d.ref().name())) : d.object();
                if (!references.known(key, d.ref(), inputs.fingerprint())) {
                    // after a restart the apply's answer is gone: the API server says again what it makes of the object
                    references.applied(key, d.ref(), inputs.fingerprint(), sent, kube.dryRunApply(sent));
                }
                Map<String, Object> expected = references.expected(key, d.ref(), sent);
                List<String> found = FieldDrift.differences(expected, live, inputs.values().secrets());
                found.forEach(diff -> drift.add(d.ref() + ": " + diff));
                if (!found.isEmpty()) {
                    changedBy.put(d.ref().toString(), KubeObjects.otherManagers(live));
                }
                health = HealthAssessor.worse(health, HealthAssessor.assess(live));
            }
            remember(key, seen);
            health = ProgressDeadline.apply(health, seen, status.lastAppliedAt(), clock.instant(), settings.progressDeadline());
            if (drift.isEmpty()) {
                lastHealed.remove(key);
                if (status.sync() == SyncState.OUT_OF_SYNC || health.state() != status.health()) {
                    statuses.drift(key, List.of(), clock.instant());
                    statuses.health(key, health.state(), health.message(), clock.instant());
                    updates.changed(key);
                }
                return drift;
            }
            if (unit.environment().selfHeal() && drift.equals(lastHealed.get(key))) {
                // the same difference right after a heal: something puts it back; healing again would loop for ever
                List<String> persisting = new ArrayList<>();
                for (String d : drift) {
                    String object = changedBy.keySet().stream().filter(d::startsWith).findFirst().orElse("");
                    persisting.add(d + " (drift persists after heal: changed by the API server or another controller"
                            + (changedBy.getOrDefault(object, "").isEmpty() ? "" : ", manager " + changedBy.get(object)) + ")");
                }
                if (!persisting.equals(status.drift())) {
                    statuses.drift(key, persisting, clock.instant());
                    statuses.health(key, health.state(), health.message(), clock.instant());
                    statuses.history(key, status.revision(), SyncState.OUT_OF_SYNC, health.state(), "not healed again: "
                            + String.join("; ", persisting.subList(0, Math.min(persisting.size(), 3))), 0, 0, 0, clock.instant());
                    events.publishEvent(new ReconcileEvent("drift_persists", key, "system", Map.of("drift", persisting)));
                    updates.changed(key);
                }
            } else if (unit.environment().selfHeal()) {
                // healed only once the apply succeeded; a failed one is recorded (Failed, audited, retried) by reconcile
                if (reconcile(unit, true) == Result.APPLIED) {
                    lastHealed.put(key, List.copyOf(drift));
                    events.publishEvent(new ReconcileEvent("drift_healed", key, "system", Map.of("drift", drift)));
                }
            } else if (!drift.equals(status.drift())) {
                statuses.drift(key, drift, clock.instant());
                statuses.health(key, health.state(), health.message(), clock.instant());
                statuses.history(key, status.revision(), SyncState.OUT_OF_SYNC, health.state(), "drift: " + String.join("; ", drift.subList(0,
                        Math.min(drift.size(), 5))), 0, 0, 0, clock.instant());
                events.publishEvent(new ReconcileEvent("drift_detected", key, "system", Map.of("drift", drift)));
                updates.changed(key);
            }
            return drift;
        } catch (RuntimeException e) {
            statuses.health(key, HealthState.UNKNOWN, "cannot compare with the cluster: " + describe(e), clock.instant());
            updates.changed(key);
            return List.of();
        }
    }

    /**
     * Runs the release's Helm test hooks on the unit's cluster (never part of a sync): each deleted first by its
     * policy, applied and waited for; the outcome goes into the unit's history and the audit log.
     */
    void runTests(DesiredUnits.Unit unit) {
        UnitKey key = unit.key();
        long start = System.nanoTime();
        String revision = unit.revision();
        String message;
        boolean passed;
        try {
            Inputs inputs = inputs(unit);
            RenderService.Outcome rendered = drafts.renderManifest(unit.release(), kubeVersion(unit), inputs.values().values(),
                    !inputs.values().any());
            if (!rendered.ok()) {
                throw new IllegalStateException("the chart does not render: " + rendered.error());
            }
            List<DesiredObjects.Desired> tests = DesiredObjects.from(rendered.manifest(), unit.release().name(), key.environment(),
                    unit.release().namespace(), revision).stream().filter(d -> d.phase() == HelmDocument.Phase.TEST).toList();
            List<String> ran = new HookRunner(kube(unit.cluster()), settings.hookTimeout(), clock).run("test", tests);
            passed = true;
            message = tests.isEmpty() ? "tests: the chart has none" : "tests passed: " + ran.size() + (ran.size() == 1 ? " test" : " tests");
        } catch (RuntimeException e) {
            passed = false;
            message = "tests failed: " + describe(e);
        }
        String outcome = message;
        boolean ok = passed;
        UnitStatus status = statuses.find(key).orElse(null);
        tx.executeWithoutResult(t -> {
            statuses.history(key, revision, status == null ? SyncState.SYNCED : status.sync(), status == null ? HealthState.UNKNOWN : status.health(),
                    outcome, 0, 0, (System.nanoTime() - start) / 1_000_000, clock.instant());
            events.publishEvent(new ReconcileEvent(ok ? "tests_passed" : "tests_failed", key, "system", Map.of("revision", revision,
                    "result", outcome)));
        });
        updates.changed(key);
    }

    /**
     * A unit main no longer asks for: its objects are deleted (namespaces kept, CRDs unless the environment prunes
     * them), then its status. An object of a kind the cluster does not serve cannot exist there: it counts as gone,
     * by name. What cannot be deleted (the cluster refuses) does not stop the others: it is named, kept in the
     * inventory, and tried again after the back-off.
     */
    void remove(UnitStatus status, Cluster cluster, boolean pruneCrds) {
        UnitKey key = status.key();
        long start = System.nanoTime();
        try {
            List<String> prunedObjects = new ArrayList<>();
            List<ObjectRef> left = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<String> notServed = new ArrayList<>();
            if (cluster != null) {
                KubeObjects kube = kube(cluster);
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
                        problems.add(ref + ": " + describe(e));
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
                fail(key, status.revision() == null ? "" : status.revision(), statuses.find(key).orElse(status),
                        UnitStatus.REMOVING + "pruned " + pruned + ", could not delete " + left.size() + ": " + String.join("; ", problems), start);
                return;
            }
            unsettled.remove(key);
            references.forget(key);
            lastHealed.remove(key);
            statuses.delete(key);
            String removed = "removed: pruned " + pruned + (pruned == 1 ? " object" : " objects")
                    + (notServed.isEmpty() ? "" : "; not served by the cluster, so already gone: " + String.join(", ", notServed));
            statuses.history(key, status.revision(), SyncState.SYNCED, HealthState.MISSING, removed, 0, pruned,
                    (System.nanoTime() - start) / 1_000_000, clock.instant());
            events.publishEvent(new ReconcileEvent("pruned", key, "system", Map.of("pruned", pruned, "objects", prunedObjects,
                    "notServed", notServed)));
            updates.changed(key);
        } catch (RuntimeException e) {
            fail(key, status.revision() == null ? "" : status.revision(), status, UnitStatus.REMOVING + describe(e), start);
        }
    }

    private static String kubeVersion(DesiredUnits.Unit unit) {
        return unit.cluster().kubeVersionOr(unit.environment().kubeVersion());
    }

    private KubeObjects kube(Cluster cluster) {
        return new KubeObjects(connections.client(cluster), settings.forceConflicts(), writes);
    }

    /** The units on the cluster this replica applied or looked at since it started. */
    private int units(String cluster) {
        int n = 0;
        for (UnitKey key : unsettled.keySet()) {
            n += key.cluster().equals(cluster) ? 1 : 0;
        }
        return n;
    }

    /** The objects of a kind on the cluster that were not healthy yet when last looked at. */
    private int waiting(String cluster, String kind) {
        int n = 0;
        for (Map.Entry<UnitKey, List<ObjectRef>> e : unsettled.entrySet()) {
            if (e.getKey().cluster().equals(cluster)) {
                for (ObjectRef ref : e.getValue()) {
                    n += ref.kind().equals(kind) ? 1 : 0;
                }
            }
        }
        return n;
    }

    /** Keeps the objects that are not healthy yet, for the next health refresh. */
    private void remember(UnitKey key, Map<ObjectRef, Map<String, Object>> live) {
        List<ObjectRef> notYet = live.entrySet().stream()
                .filter(e -> !e.getKey().kind().equals("Namespace") && HealthAssessor.assess(e.getValue()).state() != HealthState.HEALTHY)
                .map(Map.Entry::getKey).toList();
        unsettled.put(key, notYet);
    }

    /** What went wrong, in a line; the cluster's answer when there is one. */
    static String describe(Throwable e) {
        if (e instanceof KubernetesClientException k) {
            String status = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage();
            if (k.getCode() > 0) {
                return "the cluster answered HTTP " + k.getCode() + ": " + firstLine(status);
            }
            Throwable cause = k.getCause();
            while (cause != null && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return "cannot reach the cluster: " + firstLine(cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(k.getMessage()));
        }
        return firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse(text);
    }

    private static String sha256(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
