package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.RealKubeApiServer;
import io.chartroom.fixtures.TestSettings;
import io.chartroom.reconcile.service.Reconciler;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drift on a real cluster is noticed from the watch, not by polling: with drift sweeps an hour apart, a change made
 * by hand (as kubectl edit does) is healed within seconds, and no sweep ran meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestSettings.POSTGRES_DIRECTORY, TestSettings.POSTGRES_CLEAN, TestSettings.DATABASE, TestSettings.DATA_DIR,
        TestSettings.FAST_SCHEDULERS, TestSettings.NO_WARM_UP, TestSettings.LAZY_RENDER_WORKERS, TestSettings.SHORT_CLUSTER_TIMEOUT,
        "chartroom.reconcile.drift-interval=1h"})
class WatchDrivenDriftTest {

    static final Duration CONVERGE = Duration.ofSeconds(90);

    @LocalServerPort int port;
    @Autowired Reconciler reconciler;
    @Autowired JdbcClient jdbc;

    @Test
    void aChangeByHandIsHealedWithinSecondsWithoutASweep() {
        String kubeconfig = RealKubeApiServer.kubeconfig();
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        assertThat(api.post("/api/v1/clusters", Auth.user("admin"), Map.of("name", "real-watch", "kind", "KUBECONFIG", "kubeconfig",
                kubeconfig, "labels", Map.of("env", "realwatch"))).status()).isEqualTo(201);
        Environments.create(api, Map.of("name", "realwatch", "clusterSelector", "env=realwatch", "kubeVersion", "1.20"));
        Map<String, Object> release = ChangeRequests.release("watch-web", "", Map.of("realwatch", ""));
        release.put("namespace", "watched-web");
        long id = changes.propose(Auth.user("developer"), release, null).get("id").asLong();
        changes.approve(id, "approver");
        assertThat(api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of()).status()).isEqualTo(200);
        Poll.until(CONVERGE, () -> api.get("/api/v1/releases/watch-web/status", Auth.user("viewer")).json(),
                units -> !units.isEmpty() && units.get(0).get("sync").asString().equals("SYNCED"));
        Poll.until(CONVERGE, () -> reconciler.stats().watches(), n -> n >= 3);

        try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig, null)).build()) {
            long sweeps = reconciler.stats().driftSweeps();
            long start = System.nanoTime();
            kube.apps().deployments().inNamespace("watched-web").withName("watch-web").edit(d -> {
                d.getSpec().setReplicas(7);
                return d;
            });
            Poll.until(Duration.ofSeconds(10), () -> jdbc.sql("select count(*) from audit_event where release_name = 'watch-web' "
                    + "and action = 'reconcile.drift_healed'").query(Long.class).single(), n -> n == 1);
            Duration noticed = Duration.ofNanos(System.nanoTime() - start);
            Poll.until(Duration.ofSeconds(10), () -> kube.apps().deployments().inNamespace("watched-web").withName("watch-web").get()
                    .getSpec().getReplicas(), r -> r == 2);
            assertThat(reconciler.stats().driftSweeps()).as("healed from the watch event, not a sweep").isEqualTo(sweeps);
            assertThat(noticed).isLessThan(Duration.ofSeconds(10));
        }
    }
}
