package io.chartroom.reconcile.diff;

import io.chartroom.reconcile.cache.LiveReads;
import io.chartroom.reconcile.cluster.ClusterErrors;
import io.chartroom.reconcile.cluster.ClusterObjects;
import io.chartroom.reconcile.cluster.KubeObjects;
import io.chartroom.reconcile.domain.ReconcileSettings;
import io.chartroom.reconcile.health.ProgressDeadline;
import io.chartroom.reconcile.health.UnsettledObjects;
import io.chartroom.reconcile.plan.DesiredObjects;
import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.reconcile.plan.GeneratedSecrets;
import io.chartroom.reconcile.plan.UnitInputs;
import io.chartroom.reconcile.status.ReconcileEvent;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.reconcile.health.Health;
import io.chartroom.reconcile.health.HealthChecks;
import io.chartroom.render.service.RenderService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A unit's drift check: its live objects against what the API server made of what was applied
 * ({@link DriftReference}), recorded and audited when they differ, healed where the environment self-heals,
 * and not healed again when the same difference is back right after a heal.
 */
@Component
public class DriftCheck {

    /** Applies the unit again (the heal); whether it applied. */
    public interface Heal {
        boolean apply(DesiredUnits.Unit unit);
    }

    private final UnitInputs units;
    private final ClusterObjects clusters;
    private final LiveReads reads;
    private final DriftReference references;
    private final GeneratedSecrets generatedSecrets;
    private final UnsettledObjects unsettled;
    private final UnitStatusRepository statuses;
    private final ReconcileSettings settings;
    private final ApplicationEventPublisher events;
    private final UnitStatusUpdates updates;
    private final Clock clock;
    /**
     * Per unit, where the drift that was healed last was (objects and fields, not values): the same fields drifting
     * right after a heal are not healed again, whatever value comes back (a controller scaling by load).
     */
    private final Map<UnitKey, Set<String>> lastHealed = new ConcurrentHashMap<>();
    /** Per unit, the fields last reported as drifting back after a heal: reported once, not on every sweep. */
    private final Map<UnitKey, Set<String>> persisting = new ConcurrentHashMap<>();

    DriftCheck(UnitInputs units, ClusterObjects clusters, LiveReads reads, DriftReference references, GeneratedSecrets generatedSecrets, UnsettledObjects unsettled,
               UnitStatusRepository statuses, ReconcileSettings settings, ApplicationEventPublisher events, UnitStatusUpdates updates,
               Clock clock) {
        this.units = units;
        this.clusters = clusters;
        this.reads = reads;
        this.references = references;
        this.generatedSecrets = generatedSecrets;
        this.unsettled = unsettled;
        this.statuses = statuses;
        this.settings = settings;
        this.events = events;
        this.updates = updates;
        this.clock = clock;
    }

    public void forget(UnitKey key) {
        lastHealed.remove(key);
        persisting.remove(key);
    }

    /**
     * Compares the live objects with what was applied (only the fields Chartroom sets). A drift is recorded and
     * audited; with self-heal the unit is applied again at once. Returns the differences found.
     */
    public List<String> check(DesiredUnits.Unit unit, UnitStatus status, Heal heal) {
        UnitKey key = unit.key();
        try {
            UnitInputs.Inputs inputs = units.inputs(unit);
            if (!inputs.fingerprint().equals(status.inputHash())) {
                return List.of(); // not applied yet: the next pass applies it anyway
            }
            RenderService.Outcome rendered = units.render(unit, inputs, !inputs.values().any());
            if (!rendered.ok()) {
                return List.of();
            }
            KubeObjects kube = clusters.kube(unit.cluster());
            String cluster = unit.cluster().name();
            Map<String, Set<String>> generated = generatedSecrets.of(inputs.fingerprint(), rendered.manifest(),
                    () -> units.render(unit, inputs, false).manifest());
            List<String> drift = new ArrayList<>();
            Set<String> where = new java.util.LinkedHashSet<>();
            Map<ObjectRef, Map<String, Object>> seen = new LinkedHashMap<>();
            Map<String, String> changedBy = new LinkedHashMap<>(); // drift line -> the field manager that made it
            for (DesiredObjects.Desired d : DesiredObjects.from(rendered.manifest(), unit.release().name(), key.environment(),
                    unit.release().namespace(), status.revision() == null ? unit.revision() : status.revision())) {
                if (!d.inventory()) {
                    continue; // hooks are run, not kept: that a Job hook is gone after it succeeded is no drift
                }
                // a drift sweep reads every unit of the cluster: about one object of each kind per unit
                Map<String, Object> live;
                try {
                    live = reads.read(cluster, kube, d.ref(), () -> unsettled.units(cluster), status.lastAppliedAt());
                } catch (KubeObjects.KindNotServed gone) {
                    live = null; // its CRD was deleted, and with it every object of its kind: missing, not unknown
                }
                seen.put(d.ref(), live);
                if (live == null) {
                    drift.add(d.ref() + ": missing on the cluster");
                    where.add(d.ref() + " missing");
                    continue;
                }
                // a generated Secret key is what the cluster has, not what this render made up
                Map<String, Object> sent = d.ref().kind().equals("Secret")
                        ? GeneratedSecrets.keepLive(d.object(), live, generated.get(d.ref().name())) : d.object();
                // a shared Namespace another unit applied holds only its name and label: nothing the server normalizes
                if (!references.known(key, d.ref(), inputs.fingerprint()) && !d.ref().kind().equals("Namespace")) {
                    // after a restart the apply's answer is gone: the API server says again what it makes of the object
                    references.applied(key, d.ref(), inputs.fingerprint(), sent, kube.dryRunApply(sent));
                }
                Map<String, Object> expected = references.expected(key, d.ref(), sent);
                for (FieldDrift.Difference found : FieldDrift.diff(expected, live, inputs.values().secrets())) {
                    String line = d.ref() + ": " + found.text();
                    drift.add(line);
                    where.add(d.ref() + " " + found.where());
                    changedBy.put(line, FieldOwners.changedBy(live, found.path()));
                }
            }
            unsettled.remember(key, seen);
            // the same rule as the health refresh's, so that both name the object that makes the unit unhealthy
            ProgressDeadline.Verdict verdict = ProgressDeadline.apply(HealthChecks.worst(seen), seen, status.progressingSince(), clock.instant(),
                    settings.progressDeadline());
            Health health = verdict.health();
            Instant progressingSince = verdict.progressingSince();
            if (drift.isEmpty()) {
                lastHealed.remove(key);
                persisting.remove(key);
                if (status.sync() == SyncState.OUT_OF_SYNC || health.state() != status.health()
                        || !Objects.equals(progressingSince, status.progressingSince())) {
                    statuses.observed(key, List.of(), health.state(), health.message(), progressingSince, clock.instant());
                    updates.changed(key);
                }
                return drift;
            }
            if (unit.environment().selfHeal() && where.equals(lastHealed.get(key))) {
                // the same fields drift right after a heal: something puts them back; healing again would loop for ever
                List<String> lines = new ArrayList<>();
                for (String d : drift) {
                    String manager = changedBy.getOrDefault(d, "");
                    lines.add(d + (manager.isEmpty() ? " (drift persists after heal: changed by the API server or another controller)"
                            : " (drift persists after heal: changed by another controller, manager " + manager + ")"));
                }
                if (!where.equals(persisting.get(key))) {
                    persisting.put(key, Set.copyOf(where));
                    statuses.observed(key, lines, health.state(), health.message(), progressingSince, clock.instant());
                    statuses.history(key, status.revision(), SyncState.OUT_OF_SYNC, health.state(), "not healed again: "
                            + String.join("; ", lines.subList(0, Math.min(lines.size(), 3))), 0, 0, 0, clock.instant());
                    events.publishEvent(new ReconcileEvent("drift_persists", key, "system", Map.of("drift", lines)));
                    updates.changed(key);
                }
            } else if (unit.environment().selfHeal()) {
                // healed only once the apply succeeded; a failed one is recorded (Failed, audited, retried) by reconcile
                if (heal.apply(unit)) {
                    lastHealed.put(key, Set.copyOf(where));
                    events.publishEvent(new ReconcileEvent("drift_healed", key, "system", Map.of("drift", drift)));
                }
            } else if (!drift.equals(status.drift())) {
                statuses.observed(key, drift, health.state(), health.message(), progressingSince, clock.instant());
                statuses.history(key, status.revision(), SyncState.OUT_OF_SYNC, health.state(), "drift: " + String.join("; ", drift.subList(0,
                        Math.min(drift.size(), 5))), 0, 0, 0, clock.instant());
                events.publishEvent(new ReconcileEvent("drift_detected", key, "system", Map.of("drift", drift)));
                updates.changed(key);
            }
            return drift;
        } catch (RuntimeException e) {
            statuses.health(key, HealthState.UNKNOWN, "cannot compare with the cluster: " + ClusterErrors.describe(e), clock.instant());
            updates.changed(key);
            return List.of();
        }
    }
}
