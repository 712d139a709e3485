package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.clusters.service.SimulatedApiServer;
import io.chartroom.clusters.service.SimulatedClusters;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * End to end on the embedded default: a merged release appears in both simulated clusters and turns
 * Synced/Healthy; a change behind Chartroom's back is reported and healed; a failing cluster does not hold up
 * the other and converges after it recovers; a removed release is pruned.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileFlowTest {

    static final Duration CONVERGE = Duration.ofSeconds(60);

    @LocalServerPort int port;
    @Autowired SimulatedClusters simulated;
    @Autowired JdbcClient jdbc;
    @Autowired io.chartroom.reconcile.service.Reconciler reconciler;
    ApiClient api;
    ChangeRequests changes;
    KubernetesClient dev;
    KubernetesClient production;

    @BeforeAll
    void clients() {
        api = new ApiClient(port);
        changes = new ChangeRequests(api);
        changes.awaitSamples();
        dev = new KubernetesClientBuilder().withConfig(simulated.server("sim-dev").orElseThrow().config()).build();
        production = new KubernetesClientBuilder().withConfig(simulated.server("sim-production").orElseThrow().config()).build();
    }

    @AfterAll
    void close() {
        dev.close();
        production.close();
    }

    String lastMergeCommit;

    long merge(Map<String, Object> body) {
        ApiClient.Response created = api.post("/api/v1/change-requests", Auth.user("developer"), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        changes.approve(id, "approver", "approver2");
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        lastMergeCommit = merged.json().get("mergeCommit").asString();
        return id;
    }

    JsonNode unit(String release, String environment) {
        for (JsonNode u : api.get("/api/v1/releases/" + release + "/status", Auth.user("viewer")).json()) {
            if (u.get("environment").asString().equals(environment)) {
                return u;
            }
        }
        return null;
    }

    boolean synced(String release, String environment) {
        JsonNode u = unit(release, environment);
        return u != null && u.get("sync").asString().equals("SYNCED") && u.get("health").asString().equals("HEALTHY");
    }

    /** Idle passes over the embedded default find no drift: what the simulated clusters answer is what was applied. */
    @Test
    void anIdleClusterShowsNoDriftOverManySweeps() {
        merge(Map.of("release", ChangeRequests.release("idle-web", """
                ingress:
                  enabled: true
                  host: idle.example.com
                database:
                  password: not-in-drift
                resources:
                  requests:
                    cpu: "0.1"
                    memory: 64Mi
                """, Map.of("dev", ""))));
        Poll.until(CONVERGE, () -> synced("idle-web", "dev"), ok -> ok);
        String deployment = dev.apps().deployments().inNamespace("shop").withName("idle-web").get().getMetadata().getResourceVersion();
        String ingress = dev.network().v1().ingresses().inNamespace("shop").withName("idle-web").get().getMetadata().getResourceVersion();
        long sweeps = reconciler.stats().driftSweeps();
        Poll.until(CONVERGE, () -> reconciler.stats().driftSweeps(), n -> n >= sweeps + 4);
        Poll.until(CONVERGE, () -> reconciler.stats().inFlight(), n -> n == 0);
        assertThat(jdbc.sql("select count(*) from audit_event where action in ('reconcile.drift_detected', 'reconcile.drift_healed') "
                + "and release_name = 'idle-web'").query(Integer.class).single()).as("no drift in four sweeps").isZero();
        assertThat(dev.apps().deployments().inNamespace("shop").withName("idle-web").get().getMetadata().getResourceVersion())
                .as("nothing written again").isEqualTo(deployment);
        assertThat(dev.network().v1().ingresses().inNamespace("shop").withName("idle-web").get().getSpec().getRules()).hasSize(1);
        assertThat(dev.network().v1().ingresses().inNamespace("shop").withName("idle-web").get().getMetadata().getResourceVersion())
                .isEqualTo(ingress);
        merge(Map.of("remove", "idle-web"));
    }

    @Test
    void appliedInBothClustersDriftHealedAndPrunedOnRemoval() {
        merge(Map.of("release", ChangeRequests.release("live-web", "", Map.of("dev", "", "production", "replicaCount: 3\n"))));
        Poll.until(CONVERGE, () -> synced("live-web", "dev") && synced("live-web", "production"), ok -> ok);
        Deployment deployed = production.apps().deployments().inNamespace("shop").withName("live-web").get();
        assertThat(deployed.getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployed.getMetadata().getLabels()).containsEntry("chartroom.io/release", "live-web")
                .containsEntry("chartroom.io/environment", "production");
        assertThat(dev.apps().deployments().inNamespace("shop").withName("live-web").get().getSpec().getReplicas()).isEqualTo(2);
        assertThat(dev.namespaces().withName("shop").get()).as("the release's namespace is created").isNotNull();
        assertThat(unit("live-web", "production").get("objects").asInt()).isEqualTo(3);
        assertThat(unit("live-web", "production").get("revision").asString()).as("the merge's commit is what was applied")
                .isEqualTo(lastMergeCommit);
        assertThat(deployed.getMetadata().getAnnotations()).containsEntry("chartroom.io/revision", lastMergeCommit);

        // someone scales production by hand: drift is found and healed (the environments self-heal)
        production.apps().deployments().inNamespace("shop").withName("live-web")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":7}}");
        Poll.until(CONVERGE, () -> jdbc.sql("select count(*) from audit_event where action = 'reconcile.drift_healed' and release_name = 'live-web'")
                .query(Integer.class).single(), n -> n > 0);
        Poll.until(CONVERGE, () -> production.apps().deployments().inNamespace("shop").withName("live-web").get().getSpec().getReplicas(),
                replicas -> replicas == 3);
        String drift = jdbc.sql("select details::text from audit_event where action = 'reconcile.drift_healed' and release_name = 'live-web'")
                .query(String.class).list().getFirst();
        assertThat(drift).contains("spec.replicas: 3 applied, 7 live");

        // removing the release prunes its objects everywhere
        merge(Map.of("remove", "live-web"));
        Poll.until(CONVERGE, () -> production.apps().deployments().inNamespace("shop").withName("live-web").get() == null
                && dev.services().inNamespace("shop").withName("live-web").get() == null, gone -> gone);
        Poll.until(CONVERGE, () -> api.get("/api/v1/releases/live-web/status", Auth.user("viewer")).json().size(), n -> n == 0);
        assertThat(dev.namespaces().withName("shop").get()).as("namespaces are never pruned").isNotNull();
    }

    @Test
    void aSharedNamespaceIsAppliedOnceAndRecreatedWhenDeletedBehindChartroomsBack() {
        SimulatedApiServer cluster = simulated.server("sim-production").orElseThrow();
        Map<String, Object> first = ChangeRequests.release("team-a-web", "", Map.of("production", ""));
        first.put("namespace", "shared");
        merge(Map.of("release", first));
        Poll.until(CONVERGE, () -> synced("team-a-web", "production"), ok -> ok);

        long before = cluster.writes();
        Map<String, Object> second = ChangeRequests.release("team-b-web", "", Map.of("production", ""));
        second.put("namespace", "shared");
        merge(Map.of("release", second));
        Poll.until(CONVERGE, () -> synced("team-b-web", "production"), ok -> ok);
        assertThat(unit("team-b-web", "production").get("objects").asInt()).as("the namespace is in the release's inventory").isEqualTo(3);
        assertThat(cluster.writes() - before).as("the Service and the Deployment; the namespace was applied a moment ago").isEqualTo(2);

        // deleted behind Chartroom's back: the drift check finds it missing and the heal applies it again
        production.namespaces().withName("shared").delete();
        Poll.until(CONVERGE, () -> production.namespaces().withName("shared").get() != null, back -> back);
    }

    @Test
    void aFailingClusterDoesNotHoldUpTheOtherAndConvergesAfterRecovery() {
        SimulatedApiServer failing = simulated.server("sim-production").orElseThrow();
        failing.failWith(500);
        try {
            merge(Map.of("release", ChangeRequests.release("flaky-web", "", Map.of("dev", "", "production", "replicaCount: 4\n"))));
            Poll.until(CONVERGE, () -> synced("flaky-web", "dev"), ok -> ok);
            JsonNode failed = Poll.until(CONVERGE, () -> unit("flaky-web", "production"), u -> u != null && u.get("sync").asString().equals("FAILED"));
            assertThat(failed.get("message").asString()).contains("HTTP 500");
            assertThat(failed.get("nextAttemptAt").isNull()).isFalse();
        } finally {
            failing.heal();
        }
        Poll.until(CONVERGE, () -> synced("flaky-web", "production"), ok -> ok);
        assertThat(production.apps().deployments().inNamespace("shop").withName("flaky-web").get().getSpec().getReplicas()).isEqualTo(4);
    }

    @Test
    void objectsTheClusterRefusesAsInvalidWaitForAChangeInsteadOfBeingRetriedOnTheClock() {
        SimulatedApiServer refusing = simulated.server("sim-dev").orElseThrow();
        refusing.failWith(422);
        try {
            merge(Map.of("release", ChangeRequests.release("strict-web", "", Map.of("dev", ""))));
            JsonNode failed = Poll.until(CONVERGE, () -> unit("strict-web", "dev"), u -> u != null && u.get("sync").asString().equals("FAILED"));
            assertThat(failed.get("failureKind").asString()).isEqualTo("PERMANENT");
            assertThat(failed.get("nextAttemptAt").isNull()).as("not retried by the clock").isTrue();
            assertThat(failed.get("message").asString()).contains("HTTP 422").contains("not a passing fault");
        } finally {
            refusing.heal();
        }
        // the same inputs would fail the same way: passes go by without another attempt
        long passes = reconciler.stats().passes();
        for (int i = 1; i <= 2; i++) {
            reconciler.wake();
            long target = passes + i;
            Poll.until(CONVERGE, () -> reconciler.stats().passes(), n -> n >= target);
        }
        JsonNode still = unit("strict-web", "dev");
        assertThat(still.get("sync").asString()).isEqualTo("FAILED");
        assertThat(still.get("attempts").asInt()).isEqualTo(1);

        // changed values are other inputs: tried at once
        merge(Map.of("release", ChangeRequests.release("strict-web", "replicaCount: 3\n", Map.of("dev", "")), "editing", "strict-web"));
        Poll.until(CONVERGE, () -> synced("strict-web", "dev"), ok -> ok);
        assertThat(unit("strict-web", "dev").get("failureKind").isNull()).isTrue();
    }

    @Test
    void aReconcilerStoppedInTheMiddleOfAnApplyConvergesOnRestartWithoutRecreatingObjects() {
        SimulatedApiServer cluster = simulated.server("sim-dev").orElseThrow();
        cluster.failAfterWrites(2); // the namespace (new to the cluster) and the service get through, then the cluster is lost
        Map<String, Object> release = ChangeRequests.release("crash-web", "", Map.of("dev", ""));
        release.put("namespace", "crash");
        merge(Map.of("release", release));
        JsonNode failed = Poll.until(CONVERGE, () -> unit("crash-web", "dev"), u -> u != null && u.get("sync").asString().equals("FAILED"));
        assertThat(failed.get("message").asString()).contains("HTTP 500");
        reconciler.stop();
        cluster.heal();
        String serviceUid = dev.services().inNamespace("crash").withName("crash-web").get().getMetadata().getUid();
        assertThat(dev.apps().deployments().inNamespace("crash").withName("crash-web").get()).isNull();

        reconciler.start();
        Poll.until(CONVERGE, () -> synced("crash-web", "dev"), ok -> ok);
        assertThat(dev.services().inNamespace("crash").withName("crash-web").get().getMetadata().getUid())
                .as("applied again, not created again").isEqualTo(serviceUid);
        assertThat(dev.services().inNamespace("crash").list().getItems().stream()
                .filter(s -> s.getMetadata().getName().equals("crash-web")).count()).isEqualTo(1);
        assertThat(dev.apps().deployments().inNamespace("crash").withName("crash-web").get()).isNotNull();
    }

    @Test
    void aClusterThatDoesNotAnswerTimesOutWhileTheOtherConverges() {
        SimulatedApiServer slow = simulated.server("sim-dev").orElseThrow();
        slow.delay(Duration.ofSeconds(5));
        try {
            merge(Map.of("release", ChangeRequests.release("slow-web", "", Map.of("dev", "", "production", ""))));
            Poll.until(CONVERGE, () -> synced("slow-web", "production"), ok -> ok);
            JsonNode failed = Poll.until(CONVERGE, () -> unit("slow-web", "dev"), u -> u != null && u.get("sync").asString().equals("FAILED"));
            assertThat(failed.get("message").asString()).containsIgnoringCase("cannot reach the cluster");
        } finally {
            slow.heal();
        }
        Poll.until(CONVERGE, () -> synced("slow-web", "dev"), ok -> ok);
    }
}
