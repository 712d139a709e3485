package io.chartroom.reconcile.service;

import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.service.ClusterService;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.reconcile.service.UnitWorkQueue.Work;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One planning pass over a commit of main: its units against what is known of them; the due ones (new, changed,
 * failed and due again) queued for an apply, the others told the new revision; the units main no longer plans
 * queued for removal unless held ({@link LeavingUnits}). Cheap when nothing changed: no cluster is asked.
 */
final class PlanPass {

    private final DesiredUnits desired;
    private final UnitReconciler units;
    private final UnitStatusRepository statuses;
    private final ClusterService clusters;
    private final UnitWorkQueue queue;
    private final LeavingUnits leaving;
    private final Clock clock;

    PlanPass(DesiredUnits desired, UnitReconciler units, UnitStatusRepository statuses, ClusterService clusters, UnitWorkQueue queue,
             LeavingUnits leaving, Clock clock) {
        this.desired = desired;
        this.units = units;
        this.statuses = statuses;
        this.clusters = clusters;
        this.queue = queue;
        this.leaving = leaving;
        this.clock = clock;
    }

    /**
     * The units main plans at {@code main} on the clusters this replica reconciles ({@code owns}), by key; their work
     * queued. Units main no longer plans are removed where {@code mine} accepts their cluster (also, for the leader,
     * clusters no longer registered).
     */
    Map<UnitKey, DesiredUnits.Unit> run(String main, Predicate<String> owns, Predicate<String> mine) {
        DesiredUnits.Plan next = desired.at(main);
        List<DesiredUnits.Unit> planned = next.units().stream().filter(u -> owns.test(u.key().cluster())).toList();
        Map<UnitKey, DesiredUnits.Unit> byKey = new HashMap<>();
        planned.forEach(u -> byKey.put(u.key(), u));
        Map<UnitKey, UnitStatus> known = new HashMap<>();
        statuses.findAll().stream().filter(s -> mine.test(s.key().cluster())).forEach(s -> known.put(s.key(), s));
        Instant now = clock.instant();
        for (DesiredUnits.Unit unit : planned) {
            if (units.due(unit, known.get(unit.key()), now)) {
                queue.schedule(unit, Work.APPLY);
            } else if (!main.equals(known.get(unit.key()).revision())) {
                statuses.revision(unit.key(), main, now);
            }
        }
        Map<String, Cluster> clustersByName = new HashMap<>();
        clusters.list().forEach(c -> clustersByName.put(c.name(), c));
        // while main cannot be read completely, nothing is removed: a layout Chartroom reads only in part (a team's
        // repository no longer kept) names its releases otherwise, and what it does not name is not known to be gone
        List<UnitStatus> gone = next.removes()
                ? known.values().stream().filter(s -> !byKey.containsKey(s.key())).toList() : List.of();
        for (LeavingUnits.Removal removal : leaving.removals(next, gone, now)) {
            queue.remove(removal.status(), clustersByName.get(removal.status().key().cluster()), removal.pruneCrds());
        }
        return byKey;
    }
}
