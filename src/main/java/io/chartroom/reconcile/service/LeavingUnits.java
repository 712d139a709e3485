package io.chartroom.reconcile.service;

import io.chartroom.reconcile.domain.ReconcileSettings;
import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.reconcile.status.ReconcileEvent;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.security.service.SystemActor;
import io.chartroom.environments.domain.Environment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Units main no longer plans: which are removed now, which keep their objects until an ADMIN confirms
 * (orphans, and a pass that would delete too much on one cluster), which wait for the back-off of a removal
 * that failed.
 */
final class LeavingUnits {

    /** A unit to remove now; {@code pruneCrds}: its environment deletes CRDs too. */
    record Removal(UnitStatus status, boolean pruneCrds) {}

    private final UnitStatusRepository statuses;
    private final SystemActor system;
    private final ReconcileSettings settings;
    private final ApplicationEventPublisher events;
    private final UnitStatusUpdates updates;

    LeavingUnits(UnitStatusRepository statuses, SystemActor system, ReconcileSettings settings, ApplicationEventPublisher events,
                 UnitStatusUpdates updates) {
        this.statuses = statuses;
        this.system = system;
        this.settings = settings;
        this.events = events;
        this.updates = updates;
    }

    List<Removal> removals(DesiredUnits.Plan next, List<UnitStatus> leaving, Instant now) {
        // what this pass would delete per cluster, from units a change request removed (orphans are held anyway)
        Map<String, Integer> pruning = new HashMap<>();
        leaving.stream().filter(s -> !next.runs(s.key().release(), s.key().environment()) && s.removalConfirmedBy() == null)
                .forEach(s -> pruning.merge(s.key().cluster(), s.prunableObjects(pruneCrds(next, s)), Integer::sum));
        List<Removal> removals = new ArrayList<>();
        for (UnitStatus status : leaving) {
            if (holds(status, next, pruning.getOrDefault(status.key().cluster(), 0), now)) {
                continue;
            }
            if (status.removalFailed() && status.nextAttemptAt() != null && status.nextAttemptAt().isAfter(now)) {
                continue; // a removal that failed waits for its back-off like any other attempt
            }
            removals.add(new Removal(status, pruneCrds(next, status)));
        }
        return removals;
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
}
