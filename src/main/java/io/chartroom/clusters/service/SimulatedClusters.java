package io.chartroom.clusters.service;

import io.chartroom.base.database.DatabaseMode;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.domain.ClusterRepository;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The embedded default's simulated clusters: in-process API servers (see {@link SimulatedApiServer}),
 * registered on first start as "sim-dev" (env=dev) and "sim-production" (env=production) and marked
 * simulated wherever they appear. Their objects live in memory: after a restart they are empty and the
 * reconciler applies everything again.
 */
@Component
public class SimulatedClusters {

    private static final Logger log = LoggerFactory.getLogger(SimulatedClusters.class);
    static final String VERSION = "v1.31.2";

    private final ClusterRepository clusters;
    private final DatabaseMode databaseMode;
    private final Boolean enabled;
    private final Clock clock;
    private final Map<String, SimulatedApiServer> servers = new ConcurrentHashMap<>();

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
        register("sim-dev", "Simulated development cluster", Map.of("env", "dev", "region", "local"));
        register("sim-production", "Simulated production cluster", Map.of("env", "production", "region", "local"));
    }

    private void register(String name, String description, Map<String, String> labels) {
        if (clusters.findByName(name).isEmpty()) {
            clusters.insert(new ClusterRepository.Fields(name, description, labels, VERSION, Cluster.Kind.SIMULATED, null, null, null,
                    null, null, null), "system", clock.instant());
            log.info("Registered the simulated cluster {} {}", name, labels);
        }
    }

    /**
     * The in-process API server of a simulated cluster, started on first use; empty for a name that is not a
     * registered simulated cluster. Tests use it to make a cluster fail or to look at what it holds.
     */
    public Optional<SimulatedApiServer> server(String name) {
        Optional<Cluster> cluster = clusters.findByName(name).filter(Cluster::simulated);
        return cluster.map(c -> servers.computeIfAbsent(name, n -> {
            SimulatedApiServer server = new SimulatedApiServer(c.kubeVersion());
            log.info("Simulated cluster {} listens at {}", n, server.url());
            return server;
        }));
    }

    @PreDestroy
    void stop() {
        servers.values().forEach(SimulatedApiServer::close);
        servers.clear();
    }
}
