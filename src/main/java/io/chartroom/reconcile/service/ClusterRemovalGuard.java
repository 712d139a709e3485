package io.chartroom.reconcile.service;

import io.chartroom.base.event.RemovalCheck;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A cluster that releases still run on is not removed: its objects would be left without an owner. */
@Component
class ClusterRemovalGuard {

    private final UnitStatusRepository units;

    ClusterRemovalGuard(UnitStatusRepository units) {
        this.units = units;
    }

    @EventListener
    void onRemoval(RemovalCheck check) {
        if ("cluster".equals(check.kind())) {
            units.byCluster(check.name()).stream().map(u -> u.key().release()).distinct()
                    .forEach(release -> check.usedBy("release " + release));
        }
    }
}
