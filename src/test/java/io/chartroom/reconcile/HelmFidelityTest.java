package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.clusters.service.SimulatedClusters;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.FidelityCharts;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
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
 * What Helm install does with a chart, Chartroom does, on a simulated cluster: crds/ applied first and kept on
 * removal, requirements.yaml and mirrored dependencies, generated secrets kept. Hooks: HelmHooksTest. The same
 * charts on the real API server: RealClusterFidelityTest.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmFidelityTest {

    static final Duration CONVERGE = Duration.ofSeconds(60);

    @LocalServerPort int port;
    @Autowired SimulatedClusters simulated;
    @Autowired JdbcClient jdbc;
    @Autowired io.chartroom.reconcile.service.Reconciler reconciler;
    ApiClient api;
    ChangeRequests changes;
    KubernetesClient dev;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        changes = new ChangeRequests(api);
        changes.awaitSamples();
        FidelityCharts.register(api, port);
        dev = new KubernetesClientBuilder().withConfig(simulated.server("sim-dev").orElseThrow().config()).build();
    }

    @AfterAll
    void close() {
        dev.close();
    }

    @Test
    void crdsAreAppliedFirstShownInTheReviewAndKeptWhenTheReleaseGoes() {
        long id = propose(FidelityCharts.release("fid-crds", "with-crds", "fidelity", "", List.of("dev")));
        List<JsonNode> objects = objects(id);
        assertThat(objects).filteredOn(o -> o.get("kind").asString().equals("CustomResourceDefinition"))
                .extracting(o -> o.get("name").asString() + ": " + o.get("role").asString())
                .containsExactlyInAnyOrder("gadgets.fidelity.chartroom.io: CRD from crds/: applied first, never pruned",
                        "widgets.fidelity.chartroom.io: CRD from crds/: applied first, never pruned");
        assertThat(objects).extracting(o -> o.get("kind").asString()).contains("Widget", "ConfigMap");
        merge(id);
        Poll.until(CONVERGE, () -> synced("fid-crds"), ok -> ok);
        assertThat(dev.apiextensions().v1().customResourceDefinitions().withName("widgets.fidelity.chartroom.io").get()).isNotNull();
        assertThat(widgets().inNamespace("fidelity").withName("fid-crds-first").get()).as("the custom resource, after its CRD").isNotNull();

        merge(api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("remove", "fid-crds")).json().get("id").asLong());
        Poll.until(CONVERGE, () -> dev.configMaps().inNamespace("fidelity").withName("fid-crds-operator").get() == null, gone -> gone);
        assertThat(widgets().inNamespace("fidelity").withName("fid-crds-first").get()).isNull();
        assertThat(dev.apiextensions().v1().customResourceDefinitions().withName("widgets.fidelity.chartroom.io").get())
                .as("Helm never deletes a chart's CRDs, nor does Chartroom unless the environment says so").isNotNull();
    }

    @Test
    void requirementsYamlLocksMirrorsAndChartYamlAsHelmReadsThem() {
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

        JsonNode mirrored = api.get("/api/v1/charts/fidelity/mirror-dep/versions/0.2.0", Auth.user("viewer")).json();
        assertThat(mirrored.get("usable").asBoolean()).as(mirrored.toString()).isTrue();
        assertThat(mirrored.get("dependencies").get(0).get("message").asString()).isEqualTo("resolved from fidelity");

        // both render with their dependencies and apply
        long id = propose(FidelityCharts.release("fid-legacy", "legacy-v1", "fidelity-legacy", "", List.of("dev")));
        assertThat(objects(id)).extracting(o -> o.get("kind").asString()).contains("ConfigMap", "Deployment", "Service");
        merge(id);
        Poll.until(CONVERGE, () -> synced("fid-legacy"), ok -> ok);
        assertThat(dev.configMaps().inNamespace("fidelity-legacy").withName("fid-legacy-legacy").get()).isNotNull();
        assertThat(dev.apps().deployments().inNamespace("fidelity-legacy").list().getItems()).as("the subchart from requirements.yaml").isNotEmpty();
    }

    @Test
    void aGeneratedPasswordIsKeptAcrossChangesAndRotatedOnlyWhenAsked() {
        merge(propose(FidelityCharts.release("fid-gen", "generated-secret", "fidelity-gen", "", List.of("dev"))));
        Poll.until(CONVERGE, () -> synced("fid-gen"), ok -> ok);
        String password = password();

        long change = propose(FidelityCharts.release("fid-gen", "generated-secret", "fidelity-gen", "adminUser: root\n", List.of("dev")),
                "fid-gen");
        JsonNode checks = api.get("/api/v1/change-requests/" + change, Auth.user("viewer")).json().get("checks");
        assertThat(checks.toString()).contains("Generated secrets")
                .contains("dev: Secret fid-gen-admin (password) changes without a values change: the chart generates it");
        merge(change);
        Poll.until(CONVERGE, () -> new String(java.util.Base64.getDecoder().decode(secret().getData().get("user"))), u -> u.equals("root"));
        assertThat(password()).as("the password the cluster has is kept").isEqualTo(password);

        long sweeps = reconciler.stats().driftSweeps();
        Poll.until(CONVERGE, () -> reconciler.stats().driftSweeps(), n -> n >= sweeps + 2);
        Poll.until(CONVERGE, () -> reconciler.stats().inFlight(), n -> n == 0);
        assertThat(jdbc.sql("select count(*) from audit_event where release_name = 'fid-gen' and action like 'reconcile.drift%'")
                .query(Long.class).single()).as("a generated key is not drift").isZero();
        assertThat(password()).isEqualTo(password);

        assertThat(api.post("/api/v1/releases/fid-gen/sync?rotateGeneratedSecrets=true", Auth.user("developer"), Map.of()).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/releases/fid-gen/sync?rotateGeneratedSecrets=true", Auth.user("approver"), Map.of()).status())
                .isEqualTo(200);
        Poll.until(CONVERGE, this::password, p -> !p.equals(password));
        assertThat(jdbc.sql("select count(*) from audit_event where release_name = 'fid-gen' and action = 'reconcile.rotation_requested'")
                .query(Long.class).single()).isEqualTo(1);
    }

    private io.fabric8.kubernetes.api.model.Secret secret() {
        return dev.secrets().inNamespace("fidelity-gen").withName("fid-gen-admin").get();
    }

    private String password() {
        return secret().getData().get("password");
    }

    private io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> widgets() {
        return dev.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("fidelity.chartroom.io").withVersion("v1")
                .withKind("Widget").withPlural("widgets").withNamespaced(true).build());
    }

    private long propose(Map<String, Object> release) {
        return propose(release, null);
    }

    private long propose(Map<String, Object> release, String editing) {
        return changes.propose(Auth.user("developer"), release, editing).get("id").asLong();
    }

    private List<JsonNode> objects(long id) {
        JsonNode details = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json();
        assertThat(details.get("checksPass").asBoolean()).as(details.get("checks").toString()).isTrue();
        return details.get("environments").get(0).get("targets").get(0).get("objects").valueStream().toList();
    }

    private void merge(long id) {
        changes.approve(id, "approver");
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    }

    private JsonNode unit(String release) {
        for (JsonNode u : api.get("/api/v1/releases/" + release + "/status", Auth.user("viewer")).json()) {
            if (u.get("environment").asString().equals("dev")) {
                return u;
            }
        }
        return null;
    }

    private boolean synced(String release) {
        JsonNode u = unit(release);
        return u != null && u.get("sync").asString().equals("SYNCED") && u.get("health").asString().equals("HEALTHY");
    }
}
