package io.chartroom.reconcile.service;

import io.chartroom.reconcile.plan.DesiredUnits;
import io.chartroom.base.event.RemovalCheck;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A cluster that releases run on, or that main asks them to run on, is not removed: its objects would be left
 * without an owner. Both count: the units the reconciler has, and the units main plans (a release deployed to an
 * environment whose selector selects the cluster), which right after a merge exist before any unit does.
 */
@Component
class ClusterRemovalGuard {

    private final UnitStatusRepository units;
    private final DesiredUnits desired;
    private final GitOpsRepository gitops;

    ClusterRemovalGuard(UnitStatusRepository units, DesiredUnits desired, GitOpsRepository gitops) {
        this.units = units;
        this.desired = desired;
        this.gitops = gitops;
    }

    @EventListener
    void onRemoval(RemovalCheck check) {
        if (!"cluster".equals(check.kind())) {
            return;
        }
        Set<String> users = new LinkedHashSet<>();
        Stream.concat(units.byCluster(check.name()).stream().map(u -> u.key()),
                        desired.at(gitops.main()).units().stream().map(DesiredUnits.Unit::key))
                .filter(key -> key.cluster().equals(check.name()))
                .map(ClusterRemovalGuard::describe)
                .forEach(users::add);
        users.forEach(check::usedBy);
    }

    private static String describe(UnitKey key) {
        return "release " + key.release() + " in " + key.environment();
    }
}
