package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.FidelityCharts;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.RealKubeApiServer;
import io.chartroom.reconcile.service.Reconciler;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * On the real kube-apiserver the reconciler tells the truth: what the server normalizes (a Secret's stringData
 * into data, cpu 0.1 into 100m, zeros and empty values dropped, int-or-string ports) is no drift over many
 * sweeps with self-heal on, so nothing is written again; a real change by another manager is healed once; a
 * manager that puts its change back after every heal stops the healing, and is named.
 */
@IntegrationTest
class RealClusterDriftTest {

    static final Duration CONVERGE = Duration.ofSeconds(90);
    static final Auth ADMIN = Auth.user("admin");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired Reconciler reconciler;

    @Test
    void normalizedValuesAreNoDriftARealChangeIsHealedOnceAndAHealLoopStops() {
        String kubeconfig = RealKubeApiServer.kubeconfig();
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        assertThat(api.post("/api/v1/clusters", ADMIN, Map.of("name", "real-drift", "kind", "KUBECONFIG", "kubeconfig", kubeconfig,
                "labels", Map.of("env", "realdrift"))).status()).isEqualTo(201);
        Environments.create(api, Map.of("name", "realdrift", "clusterSelector", "env=realdrift", "kubeVersion", "1.20"));
        ScheduledExecutorService opsBot = Executors.newSingleThreadScheduledExecutor();
        try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig, null)).build()) {
            Map<String, Object> release = ChangeRequests.release("truth-web", """
                    database:
                      password: in-string-data
                    resources:
                      requests:
                        cpu: "0.1"
                        memory: 64Mi
                    probes:
                      initialDelaySeconds: 0
                    podAnnotations: {}
                    env: []
                    """, Map.of("realdrift", ""));
            release.put("namespace", "truth");
            merge(api, changes, Map.of("release", release));
            // traefik-like zeros and falses, nulls, quantities in every form, int-or-string ports, stringData
            FidelityCharts.register(api, port);
            merge(api, changes, Map.of("release", FidelityCharts.release("truth-norm", "normalized", "truth", "", List.of("realdrift"))));
            Poll.until(CONVERGE, () -> sync(api, "truth-web"), s -> s.equals("SYNCED"));
            Poll.until(CONVERGE, () -> sync(api, "truth-norm"), s -> s.equals("SYNCED"));
            Map<String, String> versions = resourceVersions(kube);
            assertThat(versions).as("both releases' objects").hasSizeGreaterThanOrEqualTo(8);

            long sweeps = reconciler.stats().driftSweeps();
            Poll.until(CONVERGE, () -> reconciler.stats().driftSweeps(), n -> n >= sweeps + 10);
            Poll.until(CONVERGE, () -> reconciler.stats().inFlight(), n -> n == 0);
            assertThat(driftRows()).as("ten sweeps, nothing normalized reads as drift").isZero();
            assertThat(resourceVersions(kube)).as("no heal wrote anything").isEqualTo(versions);

            // a zero the server does not store is still Chartroom's: turning hostNetwork: false into true is drift
            kube.apps().deployments().inNamespace("truth").withName("truth-norm").edit(d -> {
                d.getSpec().getTemplate().getSpec().setHostNetwork(true);
                return d;
            });
            Poll.until(CONVERGE, () -> jdbc.sql("select count(*) from audit_event where release_name = 'truth-norm' and action = "
                    + "'reconcile.drift_healed' and details like '%hostNetwork: false applied, true live%'").query(Long.class).single(), n -> n == 1);
            Poll.until(CONVERGE, () -> kube.apps().deployments().inNamespace("truth").withName("truth-norm").get().getSpec().getTemplate()
                    .getSpec().getHostNetwork(), h -> h == null || !h);

            // a real change by another manager: healed once
            scale(kube, "ops", 9);
            Poll.until(CONVERGE, () -> healed(), n -> n == 1);
            Poll.until(CONVERGE, () -> kube.apps().deployments().inNamespace("truth").withName("truth-web").get().getSpec().getReplicas(),
                    r -> r == 2);

            // a bot that puts its change back after every heal, another value each time as an autoscaler would:
            // healing stops, and the bot is named, not a manager that wrote some other field of the object
            kube.resource(new DeploymentBuilder().withNewMetadata().withName("truth-web").withNamespace("truth")
                    .addToAnnotations("team.example/owner", "payments").endMetadata().build()).fieldManager("annotator").serverSideApply();
            AtomicInteger load = new AtomicInteger(4);
            opsBot.scheduleWithFixedDelay(() -> scale(kube, "ops-bot", load.incrementAndGet() % 7 + 3), 0, 300, TimeUnit.MILLISECONDS);
            Poll.until(CONVERGE, () -> jdbc.sql("select count(*) from audit_event where release_name = 'truth-web' and action = "
                    + "'reconcile.drift_persists'").query(Long.class).single(), n -> n >= 1);
            long healedThen = healed();
            assertThat(healedThen).as("healed at most once more before the loop was seen").isLessThanOrEqualTo(3);
            JsonNode unit = api.get("/api/v1/releases/truth-web/status", Auth.user("viewer")).json().get(0);
            assertThat(unit.get("drift").toString()).contains("drift persists after heal").contains("manager ops-bot")
                    .doesNotContain("annotator");
            long sweepsNow = reconciler.stats().driftSweeps();
            Poll.until(CONVERGE, () -> reconciler.stats().driftSweeps(), n -> n >= sweepsNow + 3);
            assertThat(healed()).as("no more heals while the bot keeps writing").isEqualTo(healedThen);
        } finally {
            opsBot.shutdownNow();
            merge(api, changes, Map.of("remove", "truth-web"));
            merge(api, changes, Map.of("remove", "truth-norm"));
        }
    }

    private static void scale(KubernetesClient kube, String manager, int replicas) {
        try {
            kube.resource(new DeploymentBuilder().withNewMetadata().withName("truth-web").withNamespace("truth").endMetadata()
                    .withNewSpec().withReplicas(replicas).endSpec().build()).fieldManager(manager).forceConflicts().serverSideApply();
        } catch (RuntimeException raced) {
            // the reconciler applied meanwhile: the next round writes again
        }
    }

    private long driftRows() {
        return jdbc.sql("select count(*) from audit_event where release_name in ('truth-web', 'truth-norm') and action like 'reconcile.drift%'")
                .query(Long.class).single();
    }

    /** Every object Chartroom manages in the namespace, with its resourceVersion: any write moves one. */
    private static Map<String, String> resourceVersions(KubernetesClient kube) {
        Map<String, String> versions = new TreeMap<>();
        for (var list : List.of(kube.apps().deployments().inNamespace("truth").withLabel("chartroom.io/managed", "true").list().getItems(),
                kube.services().inNamespace("truth").withLabel("chartroom.io/managed", "true").list().getItems(),
                kube.secrets().inNamespace("truth").withLabel("chartroom.io/managed", "true").list().getItems(),
                kube.configMaps().inNamespace("truth").withLabel("chartroom.io/managed", "true").list().getItems(),
                kube.limitRanges().inNamespace("truth").withLabel("chartroom.io/managed", "true").list().getItems())) {
            list.forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
        }
        return versions;
    }

    private long healed() {
        return jdbc.sql("select count(*) from audit_event where release_name = 'truth-web' and action = 'reconcile.drift_healed'")
                .query(Long.class).single();
    }

    private static void merge(ApiClient api, ChangeRequests changes, Map<String, Object> body) {
        ApiClient.Response created = api.post("/api/v1/change-requests", Auth.user("developer"), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        changes.approve(id, "approver");
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    }

    private static String sync(ApiClient api, String release) {
        JsonNode units = api.get("/api/v1/releases/" + release + "/status", Auth.user("viewer")).json();
        return units.isEmpty() ? "" : units.get(0).get("sync").asString();
    }
}
