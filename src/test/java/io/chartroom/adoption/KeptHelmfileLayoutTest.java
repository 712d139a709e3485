package io.chartroom.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.clusters.service.SimulatedClusters;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.ReleaseFlow;
import io.chartroom.fixtures.TeamPushes;
import io.chartroom.fixtures.TestSettings;
import io.chartroom.gitops.service.GitOpsRepository;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20, item 4a: a team's helmfile repository kept in its own layout. An ADMIN keeps it (each environment's
 * cluster selector, the team); its releases are listed and applied as helmfile reads them; a value is changed through a
 * change request whose commit changes one line of one file and whose review renders the release at main and with the
 * edit; once merged, the simulated production cluster runs it. Nothing in Chartroom's layout is ever written to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestSettings.POSTGRES_DIRECTORY, TestSettings.POSTGRES_CLEAN, TestSettings.DATABASE, TestSettings.DATA_DIR,
        TestSettings.NO_WARM_UP, TestSettings.LAZY_RENDER_WORKERS, TestSettings.FAST_SCHEDULERS, TestSettings.FAST_RECONCILE})
class KeptHelmfileLayoutTest {

    private static final String LAYOUT = "/api/v1/imports/helmfile/layout";
    private static final String EDITS = "/api/v1/imports/helmfile/value-edits/change-requests";
    private static final Duration CONVERGE = Duration.ofSeconds(90);

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired JdbcClient jdbc;
    @Autowired SimulatedClusters simulated;

    @Test
    void aKeptHelmfileRepositoryIsListedAppliedAndEditedInPlaceOneLineAtATime() throws Exception {
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        String teams = TeamPushes.corpus(gitops, Path.of("src/test/resources/helmfile/convert-samples"), "http://127.0.0.1:" + port + "/samples/charts/");
        Map<String, Object> edit = new HashMap<>(Map.of("release", "storefront", "environment", "production",
                "path", List.of("autoscaling", "maxReplicas"), "value", 20));

        assertThat(api.post(EDITS, Auth.user("developer"), Map.of("edit", edit)).status()).as("not kept yet").isEqualTo(409);
        assertThat(api.get(LAYOUT, Auth.user("viewer")).status()).isEqualTo(404);
        assertThat(api.put(LAYOUT, Auth.user("developer"), Map.of()).status()).isEqualTo(403);
        ApiClient.Response incomplete = api.put(LAYOUT, Auth.user("admin"), Map.of("team", "payments", "clusterSelectors", Map.of("staging", "env=staging")));
        assertThat(incomplete.status()).as(incomplete.body()).isEqualTo(400);
        assertThat(incomplete.body()).contains("clusterSelectors.production").contains("kubeContext prod-eu-1");
        assertThat(api.get(LAYOUT, Auth.user("viewer")).status()).as("nothing kept").isEqualTo(404);

        ApiClient.Response kept = api.put(LAYOUT, Auth.user("admin"), Map.of("team", "payments",
                "clusterSelectors", Map.of("staging", "env=staging", "production", "env=production")));
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        assertThat(kept.json().get("releases").toString()).isEqualTo("[\"jobs-mail\",\"jobs-orders\",\"storefront\"]");
        assertThat(gitops.main()).as("keeping writes nothing to main").isEqualTo(teams);
        JsonNode storefront = api.get("/api/v1/releases/storefront", Auth.user("viewer")).json();
        assertThat(storefront.get("team").asString()).isEqualTo("payments");
        assertThat(storefront.get("environments").toString()).isEqualTo("[\"staging\",\"production\"]");
        assertThat(storefront.get("chartVersions").toString()).as("production runs 1.1.0 in the helmfile").isEqualTo("{\"production\":\"1.1.0\"}");

        // the reconciler applies the helmfile's releases to the cluster production selects
        try (KubernetesClient production = new KubernetesClientBuilder().withConfig(simulated.server("sim-production").orElseThrow().config()).build()) {
            ReleaseFlow flow = new ReleaseFlow(api);
            Poll.until(CONVERGE, () -> flow.sync("storefront", "production"), "SYNCED"::equals);
            assertThat(maxReplicas(production)).isEqualTo(12);

            ApiClient.Response chartroomLayout = api.post("/api/v1/change-requests", Auth.user("developer"),
                    Map.of("release", ChangeRequests.release("newcomer", "replicaCount: 1\n", Map.of("staging", ""))));
            assertThat(chartroomLayout.status()).as(chartroomLayout.body()).isEqualTo(409);
            assertThat(chartroomLayout.body()).contains("keeps its helmfile layout");
            assertThat(api.post(EDITS, Auth.user("developer2"), Map.of("edit", edit)).status()).as("another team's developer").isEqualTo(403);
            edit.put("path", List.of("replicaCount"));
            edit.put("value", 5);
            ApiClient.Response bySet = api.post(EDITS, Auth.user("developer"), Map.of("edit", edit));
            assertThat(bySet.status()).as(bySet.body()).isEqualTo(400);
            assertThat(bySet.body()).contains("releases/storefront/helmfile.yaml").contains("set:");
            assertThat(gitops.main()).isEqualTo(teams);

            edit.put("path", List.of("autoscaling", "maxReplicas"));
            edit.put("value", 20);
            ApiClient.Response opened = api.post(EDITS, Auth.user("developer"), Map.of("edit", edit));
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            assertThat(opened.json().at("/edit/file").asString()).isEqualTo("releases/storefront/values/storefront-production.yaml");
            long id = opened.json().get("changeRequestId").asLong();
            JsonNode details = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json();
            assertThat(details.at("/changeRequest/kind").asString()).isEqualTo("UPDATE");
            assertThat(details.at("/changeRequest/release").asString()).isEqualTo("storefront");
            assertThat(details.get("files").valueStream().map(f -> f.get("path").asString() + " " + f.get("status").asString()).toList())
                    .containsExactly("releases/storefront/values/storefront-production.yaml MODIFIED");
            JsonNode inProduction = details.get("environments").valueStream().filter(e -> e.get("environment").asString().equals("production"))
                    .findFirst().orElseThrow();
            assertThat(inProduction.get("targets").get(0).get("clusters").toString()).contains("sim-production");
            assertThat(inProduction.get("targets").get(0).get("objects").valueStream()
                    .filter(o -> !o.get("status").asString().equals("UNCHANGED")).map(o -> o.get("kind").asString() + " " + o.get("status").asString())
                    .toList()).as("rendered at main and with the edit").containsExactly("HorizontalPodAutoscaler CHANGED");
            assertThat(details.get("environments").valueStream().filter(e -> e.get("environment").asString().equals("staging"))
                    .flatMap(e -> e.get("targets").valueStream()).flatMap(t -> t.get("objects").valueStream())
                    .allMatch(o -> o.get("status").asString().equals("UNCHANGED"))).as("staging reads another file").isTrue();

            changes.approve(id, "approver", "approver3");
            ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
            assertThat(merged.status()).as(merged.body()).isEqualTo(200);
            Map<String, String> changed = gitops.changes(teams, gitops.main(), "");
            assertThat(changed.keySet()).containsExactly("releases/storefront/values/storefront-production.yaml");
            List<String> before = gitops.read(teams, "releases/storefront/values/storefront-production.yaml").orElseThrow().lines().toList();
            List<String> after = changed.values().iterator().next().lines().toList();
            assertThat(after).hasSameSizeAs(before);
            assertThat(java.util.stream.IntStream.range(0, before.size()).filter(i -> !before.get(i).equals(after.get(i))).mapToObj(after::get).toList())
                    .as("one line changed, every other byte kept").containsExactly("  maxReplicas: 20");
            Poll.until(CONVERGE, () -> maxReplicas(production), replicas -> replicas != null && replicas == 20);
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action in ('repository.helmfile_layout_kept', 'helmfile.value_edit_proposed') "
                + "and outcome = 'SUCCESS'").query(Long.class).single()).isEqualTo(2);

        assertThat(api.delete(LAYOUT, Auth.user("developer")).status()).isEqualTo(403);
        assertThat(api.delete(LAYOUT, Auth.user("admin")).status()).isEqualTo(204);
        assertThat(api.get(LAYOUT, Auth.user("viewer")).status()).isEqualTo(404);
        assertThat(api.post(EDITS, Auth.user("developer"), Map.of("edit", edit)).status()).as("no longer kept").isEqualTo(409);
    }

    private static Integer maxReplicas(KubernetesClient cluster) {
        return cluster.autoscaling().v2().horizontalPodAutoscalers().inNamespace("shop").list().getItems().stream()
                .map(HorizontalPodAutoscaler::getSpec).map(s -> s.getMaxReplicas()).findFirst().orElse(null);
    }
}
