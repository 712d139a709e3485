package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.clusters.service.SimulatedClusters;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.FidelityCharts;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.ReleaseFlow;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.service.Reconciler;
import io.chartroom.reconcile.service.ReplicaRestart;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What Helm does with a chart's dependencies and generated secrets, Chartroom does, on a simulated cluster:
 * requirements.yaml and locks, a dependency by URL served by a mirror, Chart.yaml filling what the index lacks, a
 * generated password kept across changes and restarts. CRDs: HelmCrdsTest; hooks: HelmHooksTest; the same charts
 * on the real API server: RealClusterFidelityTest.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmFidelityTest {

    static final Duration CONVERGE = Duration.ofSeconds(60);

    @LocalServerPort int port;
    @Autowired SimulatedClusters simulated;
    @Autowired JdbcClient jdbc;
    @Autowired Reconciler reconciler;
    @Autowired ApplicationContext context;
    ApiClient api;
    ReleaseFlow flow;
    KubernetesClient dev;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        FidelityCharts.register(api, port);
        flow = new ReleaseFlow(api);
        dev = new KubernetesClientBuilder().withConfig(simulated.server("sim-dev").orElseThrow().config()).build();
    }

    @AfterAll
    void close() {
        dev.close();
    }

    @Test
    void requirementsYamlLocksAndChartYamlAsHelmReadsThem() {
        JsonNode repository = api.get("/api/v1/repositories", Auth.user("admin")).json().valueStream()
                .filter(r -> r.get("name").asString().equals(FidelityCharts.REPOSITORY)).findFirst().orElseThrow();
        assertThat(repository.get("url").asString()).as("registered by its index.yaml URL").endsWith("/charts/");

        JsonNode legacy = api.get("/api/v1/charts/fidelity/legacy-v1/versions/0.3.0", Auth.user("viewer")).json();
        assertThat(legacy.get("usable").asBoolean()).as(legacy.toString()).isTrue();
        JsonNode dependency = legacy.get("dependencies").get(0);
        assertThat(dependency.get("name").asString()).isEqualTo("web-service");
        assertThat(dependency.get("resolvedRepository").asString()).isEqualTo("chartroom-samples");
        assertThat(dependency.get("resolvedVersion").asString()).as("requirements.lock pins it").isEqualTo("1.1.0");
        assertThat(legacy.get("version").get("kubeVersion").asString()).as("from Chart.yaml: the index lacks it").isEqualTo(">=1.19.0-0");
        assertThat(legacy.get("metadata").get("home").asString()).isEqualTo("https://legacy.example.com");
        assertThat(legacy.get("metadata").get("sources").get(0).asString()).isEqualTo("https://github.com/example/legacy");
        assertThat(legacy.get("metadata").get("maintainers").get(0).get("name").asString()).isEqualTo("Legacy Team");

        long id = flow.propose(FidelityCharts.release("fid-legacy", "legacy-v1", "fidelity-legacy", "", List.of("dev")));
        assertThat(flow.objects(id)).extracting(o -> o.get("kind").asString()).contains("ConfigMap", "Deployment", "Service");
        flow.merge(id);
        Poll.until(CONVERGE, () -> flow.synced("fid-legacy", "dev"), ok -> ok);
        assertThat(dev.configMaps().inNamespace("fidelity-legacy").withName("fid-legacy-legacy").get()).isNotNull();
        assertThat(dev.apps().deployments().inNamespace("fidelity-legacy").list().getItems()).as("the subchart from requirements.yaml").isNotEmpty();
        flow.merge(flow.proposeRemoval("fid-legacy"));
    }

    @Test
    void aDependencyByUrlServedByAMirrorIsRenderedReviewedMergedAndApplied() {
        JsonNode mirrored = api.get("/api/v1/charts/fidelity/mirror-dep/versions/0.2.0", Auth.user("viewer")).json();
        assertThat(mirrored.get("usable").asBoolean()).as(mirrored.toString()).isTrue();
        assertThat(mirrored.get("dependencies").get(0).get("repository").asString()).isEqualTo(FidelityCharts.MIRRORED);
        assertThat(mirrored.get("dependencies").get(0).get("message").asString()).isEqualTo("resolved from fidelity");

        // the subchart's values are set through the parent, as Helm passes them
        long id = flow.propose(FidelityCharts.release("fid-mirror", "mirror-dep", "fidelity-mirror",
                "message: from the mirror\ngenerated-secret:\n  adminUser: mirrored\n", List.of("dev")));
        assertThat(flow.objects(id)).extracting(o -> o.get("kind").asString() + " " + o.get("name").asString() + " " + o.get("status").asString())
                .containsExactlyInAnyOrder("ConfigMap fid-mirror-mirror ADDED", "Secret fid-mirror-admin ADDED");
        flow.merge(id);
        Poll.until(CONVERGE, () -> flow.synced("fid-mirror", "dev"), ok -> ok);
        assertThat(dev.configMaps().inNamespace("fidelity-mirror").withName("fid-mirror-mirror").get().getData())
                .containsEntry("message", "from the mirror");
        Secret admin = dev.secrets().inNamespace("fidelity-mirror").withName("fid-mirror-admin").get();
        assertThat(admin).as("the dependency, from the repository that mirrors its URL").isNotNull();
        assertThat(decode(admin.getData().get("user"))).isEqualTo("mirrored");
        assertThat(admin.getMetadata().getLabels()).containsEntry("chartroom.io/release", "fid-mirror");
        assertThat(flow.unit("fid-mirror", "dev").get("objects").asInt()).as("config, secret and the namespace").isEqualTo(3);

        flow.merge(flow.proposeRemoval("fid-mirror"));
        Poll.until(CONVERGE, () -> dev.secrets().inNamespace("fidelity-mirror").withName("fid-mirror-admin").get(), s -> s == null);
    }

    @Test
    void aGeneratedPasswordIsKeptAcrossChangesAndRestartsAndRotatedOnlyWhenAsked() {
        flow.merge(flow.propose(FidelityCharts.release("fid-gen", "generated-secret", "fidelity-gen", "", List.of("dev"))));
        Poll.until(CONVERGE, () -> flow.synced("fid-gen", "dev"), ok -> ok);
        String password = password();

        long change = flow.propose(FidelityCharts.release("fid-gen", "generated-secret", "fidelity-gen", "adminUser: root\n", List.of("dev")),
                "fid-gen");
        JsonNode checks = api.get("/api/v1/change-requests/" + change, Auth.user("viewer")).json().get("checks");
        assertThat(checks.toString()).contains("Generated secrets")
                .contains("dev: Secret fid-gen-admin (password) changes without a values change: the chart generates it");
        flow.merge(change);
        Poll.until(CONVERGE, () -> decode(secret().getData().get("user")), u -> u.equals("root"));
        assertThat(password()).as("the password the cluster has is kept").isEqualTo(password);
        awaitSweeps(2);
        assertThat(driftRows()).as("a generated key is not drift").isZero();
        assertThat(password()).isEqualTo(password);

        // a restart: renders, generated keys and apply answers forgotten; the next render makes a new password
        ReplicaRestart.forgetEverythingLearnt(context, new UnitKey("fid-gen", "dev", "sim-dev"));
        awaitSweeps(2);
        assertThat(driftRows()).as("no drift after a restart either").isZero();
        long reapplied = audited("reconcile.reapplied");
        ReplicaRestart.forgetEverythingLearnt(context, new UnitKey("fid-gen", "dev", "sim-dev"));
        assertThat(api.post("/api/v1/releases/fid-gen/sync", Auth.user("approver"), Map.of()).status()).isEqualTo(200);
        Poll.until(CONVERGE, () -> audited("reconcile.reapplied"), n -> n > reapplied);
        assertThat(password()).as("applied again from a fresh render, the cluster's password is kept").isEqualTo(password);

        assertThat(api.post("/api/v1/releases/fid-gen/sync?rotateGeneratedSecrets=true", Auth.user("developer"), Map.of()).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/releases/fid-gen/sync?rotateGeneratedSecrets=true", Auth.user("approver"), Map.of()).status())
                .isEqualTo(200);
        Poll.until(CONVERGE, this::password, p -> !p.equals(password));
        assertThat(audited("reconcile.rotation_requested")).isEqualTo(1);
    }

    private void awaitSweeps(int sweeps) {
        long start = reconciler.stats().driftSweeps();
        Poll.until(CONVERGE, () -> reconciler.stats().driftSweeps(), n -> n >= start + sweeps);
        Poll.until(CONVERGE, () -> reconciler.stats().inFlight(), n -> n == 0);
    }

    private long driftRows() {
        return jdbc.sql("select count(*) from audit_event where release_name = 'fid-gen' and action like 'reconcile.drift%'")
                .query(Long.class).single();
    }

    private long audited(String action) {
        return jdbc.sql("select count(*) from audit_event where release_name = 'fid-gen' and action = ?").param(action).query(Long.class).single();
    }

    private Secret secret() {
        return dev.secrets().inNamespace("fidelity-gen").withName("fid-gen-admin").get();
    }

    private String password() {
        return secret().getData().get("password");
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
