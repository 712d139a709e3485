package io.chartroom.clusters.service;

import io.chartroom.base.database.DatabaseMode;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.domain.ClusterRepository;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The embedded default's two simulated clusters, registered on first start: "sim-dev" (env=dev) and
 * "sim-production" (env=production). They are marked simulated wherever they appear.
 */
@Component
class SimulatedClusters {

    private static final Logger log = LoggerFactory.getLogger(SimulatedClusters.class);
    static final String VERSION = "v1.31.2";

    private final ClusterRepository clusters;
    private final DatabaseMode databaseMode;
    private final Boolean enabled;
    private final Clock clock;

    SimulatedClusters(ClusterRepository clusters, DatabaseMode databaseMode,
                      @Value("${chartroom.clusters.simulated:#{null}}") Boolean enabled, Clock clock) {
        this.clusters = clusters;
        this.databaseMode = databaseMode;
        this.enabled = enabled;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void registerOnFirstStart() {
        if (!(enabled != null ? enabled : databaseMode.embedded())) {
            return;
        }
        register("sim-dev", Map.of("env", "dev", "region", "local"));
        register("sim-production", Map.of("env", "production", "region", "local"));
    }

    private void register(String name, Map<String, String> labels) {
        if (clusters.findByName(name).isEmpty()) {
            clusters.insert(name, labels, VERSION, Cluster.Kind.SIMULATED, "system", clock.instant());
            log.info("Registered the simulated cluster {} {}", name, labels);
        }
    }
}
