package io.chartroom.reconcile.service;

import io.chartroom.gitops.domain.CommitId;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.releases.service.ReleaseStatusSummary;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The releases list's status column: per release and environment, the worst cluster's sync and health, in one query. */
@Component
public class UnitStatusSummary implements ReleaseStatusSummary {

    /** Worst first: what needs someone, then what is on its way, then what is fine. */
    static final Comparator<UnitStatus> WORST_FIRST = Comparator
            .comparing((UnitStatus u) -> u.sync() == SyncState.SYNCED ? 1 : 0)
            .thenComparing(u -> u.health() == null ? HealthState.UNKNOWN : u.health(), Comparator.reverseOrder());

    private final UnitStatusRepository statuses;
    private final CurrentUser currentUser;

    UnitStatusSummary(UnitStatusRepository statuses, CurrentUser currentUser) {
        this.statuses = statuses;
        this.currentUser = currentUser;
    }

    @Override
    public Map<String, List<EnvironmentStatus>> of(Collection<String> releases) {
        currentUser.require(Role.VIEWER);
        Map<String, Map<String, List<UnitStatus>>> grouped = new LinkedHashMap<>();
        for (UnitStatus u : statuses.byReleases(releases)) {
            grouped.computeIfAbsent(u.key().release(), k -> new LinkedHashMap<>()).computeIfAbsent(u.key().environment(), k -> new ArrayList<>()).add(u);
        }
        Map<String, List<EnvironmentStatus>> result = new LinkedHashMap<>();
        grouped.forEach((release, byEnvironment) -> {
            List<EnvironmentStatus> environments = new ArrayList<>();
            byEnvironment.forEach((environment, units) -> {
                UnitStatus worst = units.stream().min(WORST_FIRST).orElseThrow();
                HealthState health = worst.health() == null ? HealthState.UNKNOWN : worst.health();
                environments.add(new EnvironmentStatus(environment, worst.sync().label() + " · " + health.label(),
                        needsSomeone(worst.sync(), health),
                        worst.revision() == null ? "" : CommitId.shortOf(worst.revision())));
            });
            result.put(release, environments);
        });
        return result;
    }

    /** Failing, drifted, held or unhealthy; an apply on its way (Applying) or a rollout (Progressing) is not. */
    static boolean needsSomeone(SyncState sync, HealthState health) {
        return sync != SyncState.UNKNOWN && (sync != SyncState.SYNCED || !health.settled() && health != HealthState.PROGRESSING);
    }
}
