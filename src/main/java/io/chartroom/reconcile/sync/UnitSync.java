package io.chartroom.reconcile.sync;

import io.chartroom.reconcile.cluster.ClusterErrors;
import io.chartroom.reconcile.cluster.ClusterObjects;
import io.chartroom.reconcile.cluster.KubeObjects;
import io.chartroom.reconcile.diff.DriftReference;
import io.chartroom.reconcile.domain.ReconcileSettings;
import io.chartroom.reconcile.health.UnsettledObjects;
import io.chartroom.reconcile.plan.DesiredObjects;
import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.reconcile.plan.GeneratedSecrets;
import io.chartroom.reconcile.plan.UnitInputs;
import io.chartroom.reconcile.status.ReconcileEvent;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.service.ClusterConnections;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.reconcile.health.Health;
import io.chartroom.reconcile.health.HealthChecks;
import io.chartroom.render.service.HelmDocument;
import io.chartroom.render.service.RenderService;
import io.chartroom.secrets.service.SecretResolver;
import io.chartroom.releases.service.ReleaseRenderer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one unit: render, apply in order with server-side apply (crds/ first, Helm's hooks in their phases),
 * prune what it no longer renders (holding a prune larger than allowed for an ADMIN), assess health from the
 * apply's answers, record status, history and audit in one transaction; or does nothing when its inputs are what
 * it last applied. Runs as the system; every cluster call is bounded by the client's timeouts.
 */
@Component
public class UnitSync {

    public enum Result { NOTHING_TO_DO, APPLIED, FAILED }

    private final UnitInputs unitInputs;
    private final ClusterObjects clusters;
    private final UnitStatusRepository statuses;
    private final ReconcileSettings settings;
    private final ApplicationEventPublisher events;
    private final UnitStatusUpdates updates;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final RecentNamespaces namespaces;
    private final UnsettledObjects unsettled;
    private final GeneratedSecrets generatedSecrets;
    private final DriftReference references;
    private final UnitFailures failures;

    UnitSync(UnitInputs unitInputs, ClusterObjects clusters, UnitStatusRepository statuses, ReconcileSettings settings,
             ApplicationEventPublisher events, UnitStatusUpdates updates, Clock clock, TransactionTemplate tx, RecentNamespaces namespaces,
             UnsettledObjects unsettled, GeneratedSecrets generatedSecrets, DriftReference references, UnitFailures failures) {
        this.unitInputs = unitInputs;
        this.clusters = clusters;
        this.statuses = statuses;
        this.settings = settings;
        this.events = events;
        this.updates = updates;
        this.clock = clock;
        this.tx = tx;
        this.namespaces = namespaces;
        this.unsettled = unsettled;
        this.generatedSecrets = generatedSecrets;
        this.references = references;
        this.failures = failures;
    }

    /** {@code rotate}: generated Secret keys are applied as rendered now, not kept as the cluster has them. */
    public Result apply(DesiredUnits.Unit unit, boolean force, boolean rotate) {
        UnitKey key = unit.key();
        String revision = unit.revision();
        long start = System.nanoTime();
        UnitStatus status = statuses.find(key).orElse(null);
        String tried = null;
        try {
            UnitInputs.Inputs inputs = unitInputs.inputs(unit);
            tried = inputs.fingerprint();
            if (!force && status != null && inputs.fingerprint().equals(status.inputHash()) && status.sync() == SyncState.SYNCED
                    && status.pendingInventory() == null) {
                if (!revision.equals(status.revision())) {
                    statuses.revision(key, revision, clock.instant());
                }
                return Result.NOTHING_TO_DO;
            }
            RenderService.Outcome rendered = unitInputs.render(unit, inputs, !inputs.values().any());
            if (!rendered.ok()) {
                throw new ClusterErrors.ChartDoesNotRender(rendered.error());
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
                    () -> unitInputs.render(unit, inputs, false).manifest());
            Map<String, ObjectRef> previous = new LinkedHashMap<>();
            if (status != null) {
                status.inventory().forEach(r -> previous.put(r.identity(), r));
                if (status.pendingInventory() != null) {
                    status.pendingInventory().forEach(r -> previous.put(r.identity(), r));
                }
            }
            Map<String, ObjectRef> pending = new LinkedHashMap<>(previous);
            wanted.forEach(r -> pending.put(r.identity(), r));
            wanted.forEach(r -> previous.remove(r.identity()));
            // what this change would delete; more than the threshold at once waits for an ADMIN, as a removal does
            List<ObjectRef> leaving = previous.values().stream().filter(r -> r.prunable(unit.environment().pruneCrds())).toList();
            boolean holdPrune = leaving.size() > settings.pruneConfirmAbove() && (status == null || status.removalConfirmedBy() == null);
            tx.executeWithoutResult(t -> {
                statuses.beginApply(key, List.copyOf(pending.values()), clock.instant());
                events.publishEvent(new ReconcileEvent("started", key, "system",
                        Map.of("revision", revision, "objects", desired.size(), "forced", force)));
            });

            KubeObjects kube = clusters.kube(unit.cluster());
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
            List<String> prunedObjects = new ArrayList<>();
            // namespaces are never pruned: other releases may live in them; CRDs only where the environment says so
            for (ObjectRef gone : holdPrune ? List.<ObjectRef>of() : leaving) {
                if (kube.delete(gone)) {
                    prunedObjects.add(gone.toString());
                }
            }
            int pruned = prunedObjects.size();
            if (!postHooks.isEmpty()) {
                // Helm runs them once the release is ready; Argo CD once it is healthy
                live.putAll(hookRunner.awaitHealthy(live));
                hooksRun.addAll(hookRunner.run(upgrade ? "post-upgrade" : "post-install", postHooks));
            }
            Health health = HealthChecks.worst(live);
            unsettled.remember(key, live);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long namespaces = wanted.stream().filter(r -> r.kind().equals("Namespace")).count();
            long own = wanted.size() - namespaces;
            // named as the status card names them: the namespace is shared with other releases
            String message = "applied " + own + (own == 1 ? " object" : " objects") + (namespaces > 0 ? " + namespace" : "")
                    + (pruned > 0 ? ", pruned " + pruned : "") + (hooksRun.isEmpty() ? "" : ", ran " + hooksRun.size()
                    + (hooksRun.size() == 1 ? " hook" : " hooks"));
            String held = holdPrune ? "this change would delete " + leaving.size() + " objects on cluster " + key.cluster() + " (more than "
                    + settings.pruneConfirmAbove() + "): they stay until an ADMIN confirms; " + message : null;
            String action = rotate ? "secrets_rotated" : force && status != null && status.inputHash() != null
                    && status.inputHash().equals(inputs.fingerprint()) ? "reapplied" : "applied";
            // status, history and audit in one transaction; the audit rows last, as they hold the chain's lock until commit
            tx.executeWithoutResult(t -> {
                statuses.applied(key, revision, inputs.fingerprint(), wanted, health.state(), health.message(), clock.instant());
                if (held != null) {
                    // the objects it would delete stay known (pending) so that a confirmation or a later change prunes them
                    statuses.holdPrune(key, List.copyOf(pending.values()), held, clock.instant());
                    events.publishEvent(new ReconcileEvent("prune_held", key, "system", Map.of("objects", leaving.size(), "why", held)));
                }
                statuses.history(key, revision, held != null ? SyncState.PRUNE_PENDING : SyncState.SYNCED, health.state(),
                        held != null ? held : message, desired.size(), pruned, millis, clock.instant());
                if (pruned > 0) {
                    events.publishEvent(new ReconcileEvent("pruned", key, "system", Map.of("revision", revision, "objects", prunedObjects)));
                }
                events.publishEvent(new ReconcileEvent(action, key, "system",
                        Map.of("revision", revision, "applied", desired.size(), "pruned", pruned, "millis", millis, "hooks", hooksRun)));
            });
            updates.changed(key);
            return Result.APPLIED;
        } catch (RuntimeException e) {
            failures.fail(key, revision, status, ClusterErrors.describe(e), start, ClusterErrors.kind(e), tried);
            return Result.FAILED;
        }
    }
}
