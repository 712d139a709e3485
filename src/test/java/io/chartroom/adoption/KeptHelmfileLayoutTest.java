package io.chartroom.adoption;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.Screens;
import org.junit.jupiter.api.extension.ExtendWith;

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
@ExtendWith(BrowserExtension.class)
class KeptHelmfileLayoutTest {

    private static final String LAYOUT = "/api/v1/imports/helmfile/layout";
    private static final String EDITS = "/api/v1/imports/helmfile/value-edits/change-requests";
    private static final Duration CONVERGE = Duration.ofSeconds(90);

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired JdbcClient jdbc;
    @Autowired SimulatedClusters simulated;
    @Autowired io.chartroom.reconcile.plan.DesiredUnits desired;
    @Autowired io.chartroom.security.service.SystemActor system;

    @Test
    void aKeptHelmfileRepositoryIsListedAppliedAndEditedInPlaceOneLineAtATime(Page page) throws Exception {
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

        // the ADMIN reads main as helmfile, and keeps its layout
        String base = "http://localhost:" + port;
        Screens.login(page, base, "admin");
        page.navigate(base + "/repository/helmfile");
        page.locator("#helmfile-read").click();
        page.locator("#helmfile-keep").click();
        page.locator("#keep-team input").fill("payments");
        page.locator("#keep-selector-staging input").fill("env=staging");
        page.locator("#keep-selector-production input").fill("env=production");
        page.locator("#keep-submit").click();
        assertThat(page.locator("#helmfile-kept")).containsText("Team payments owns its 3 release(s) (jobs-mail, jobs-orders, storefront)");
        Screens.shoot(page, "helmfile-kept");
        JsonNode kept = api.get(LAYOUT, Auth.user("viewer")).json();
        assertThat(kept.get("releases").toString()).isEqualTo("[\"jobs-mail\",\"jobs-orders\",\"storefront\"]");
        assertThat(kept.at("/environments/1/clusterSelector").asString()).isEqualTo("env=production");
        assertThat(gitops.main()).as("keeping writes nothing to main").isEqualTo(teams);
        JsonNode problems = api.get("/api/v1/repository/problems", Auth.user("viewer")).json();
        assertThat(problems.get("readable").asBoolean()).isFalse();
        assertThat(problems.get("kept").asBoolean()).isTrue();
        // another team owns one of the releases (by the name Chartroom lists it under); a name the helmfile lacks is refused
        ApiClient.Response unknownRelease = api.put(LAYOUT, Auth.user("admin"), Map.of("team", "payments", "teams", Map.of("nowhere", "search"),
                "clusterSelectors", Map.of("staging", "env=staging", "production", "env=production")));
        assertThat(unknownRelease.status()).isEqualTo(400);
        assertThat(unknownRelease.body()).contains("teams.nowhere");
        ApiClient.Response twoTeams = api.put(LAYOUT, Auth.user("admin"), Map.of("team", "payments", "teams", Map.of("jobs-mail", "search"),
                "clusterSelectors", Map.of("staging", "env=staging", "production", "env=production")));
        assertThat(twoTeams.status()).as(twoTeams.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/releases/jobs-mail", Auth.user("viewer")).json().get("team").asString()).isEqualTo("search");
        Map<String, Object> mailEdit = Map.of("release", "jobs-mail", "environment", "production", "path", List.of("concurrency"), "value", 2);
        assertThat(api.post(EDITS, Auth.user("developer"), Map.of("edit", mailEdit)).status()).as("payments' developer, search's release")
                .isEqualTo(403);
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

            // a developer of the team changes a value from the release's page: one line, previewed, then proposed
            page.context().clearCookies();
            Screens.login(page, base, "developer");
            page.navigate(base + "/releases/storefront");
            assertThat(page.locator("#repository-banner")).containsText("keeps its helmfile layout");
            page.locator("#edit-release").click();
            page.waitForURL("**/repository/helmfile?release=storefront");
            assertThat(page.locator("#value-edit-release input")).hasValue("storefront");
            page.locator("#value-edit-environment input").fill("production");
            page.locator("#value-edit-environment input").press("Enter");
            page.locator("#value-edit-path input").fill("replicaCount");
            page.locator("#value-edit-value input").fill("5");
            page.locator("#value-edit-preview").click();
            assertThat(page.locator("#value-edit-problem")).containsText("releases/storefront/helmfile.yaml");
            assertThat(page.locator("#value-edit-problem")).containsText("set:");
            page.locator("#value-edit-path input").fill("autoscaling.maxReplicas");
            page.locator("#value-edit-value input").fill("20");
            page.locator("#value-edit-preview").click();
            assertThat(page.locator("#value-edit-diff")).containsText("-  maxReplicas: 12\n+  maxReplicas: 20");
            Screens.shoot(page, "helmfile-value-edit");
            assertThat(gitops.main()).as("a preview writes nothing").isEqualTo(teams);
            page.locator("#value-edit-open").click();
            page.waitForURL("**/change-requests/*");
            long id = Long.parseLong(page.url().substring(page.url().lastIndexOf('/') + 1));
            assertThat(page.locator("body")).containsText("HorizontalPodAutoscaler");
            Screens.shoot(page, "helmfile-value-edit-change-request");
            JsonNode details = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json();
            assertThat(details.at("/changeRequest/kind").asString()).isEqualTo("UPDATE");
            assertThat(details.get("checksPass").asBoolean()).as(details.get("checks").toString()).isTrue();
            assertThat(details.get("checks").valueStream().filter(c -> c.get("name").asString().startsWith("Kept helmfile layout"))
                    .map(c -> c.get("status").asString() + ": " + c.get("summary").asString()).toList())
                    .as("the release at the head rendered the helmfile way and as Chartroom applies it")
                    .containsExactly("PASSED: no change: 2 release environment(s), 2 group(s) of clusters render the same objects both ways");
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

            ApiClient.Response amended = api.put("/api/v1/change-requests/" + id, Auth.user("developer"),
                    Map.of("release", ChangeRequests.release("storefront", "replicaCount: 9\n", Map.of("production", ""))));
            assertThat(amended.status()).as("no draft in Chartroom's layout onto a kept one: " + amended.body()).isEqualTo(409);

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

            // the revert restores that one line, through a change request of its own
            String editedMain = gitops.main();
            ApiClient.Response revert = api.post("/api/v1/change-requests/" + id + "/revert", Auth.user("developer"), Map.of());
            assertThat(revert.status()).as(revert.body()).isIn(200, 201);
            long revertId = revert.json().get("id").asLong();
            JsonNode reverting = api.get("/api/v1/change-requests/" + revertId, Auth.user("developer")).json();
            assertThat(reverting.at("/permissions/edit").asBoolean()).as("no commit from Chartroom's form on a kept layout").isFalse();
            assertThat(reverting.get("files").valueStream().map(f -> f.get("path").asString()).toList())
                    .containsExactly("releases/storefront/values/storefront-production.yaml");
            changes.approve(revertId, "approver", "approver3");
            assertThat(api.post("/api/v1/change-requests/" + revertId + "/merge", Auth.user("approver"), Map.of()).status()).isEqualTo(200);
            assertThat(gitops.read(gitops.main(), "releases/storefront/values/storefront-production.yaml"))
                    .isEqualTo(gitops.read(teams, "releases/storefront/values/storefront-production.yaml"));
            assertThat(gitops.changes(editedMain, gitops.main(), "").keySet()).containsExactly("releases/storefront/values/storefront-production.yaml");
            Poll.until(CONVERGE, () -> maxReplicas(production), replicas -> replicas != null && replicas == 12);
        }
        // the team pushes a values file that does not parse: the pages still answer and say why, nothing is applied or removed
        String good = gitops.main();
        String file = "releases/storefront/values/storefront-production.yaml";
        String broken = gitops.commit(good, Map.of(file, "autoscaling: [\n"), io.chartroom.gitops.domain.CommitAuthor.user("platform"), "oops");
        gitops.updateRef(GitOpsRepository.MAIN, good, broken);
        JsonNode unreadable = api.get("/api/v1/repository/problems", Auth.user("viewer")).json();
        assertThat(unreadable.get("kept").asBoolean()).isTrue();
        JsonNode stillKept = api.get(LAYOUT, Auth.user("viewer")).json();
        assertThat(stillKept.get("problem").asString()).contains(file);
        assertThat(system.call(() -> org.assertj.core.api.Assertions.catchThrowable(() -> desired.at(broken))))
                .as("no plan, so nothing applied or removed").isInstanceOf(io.chartroom.base.error.InvalidInputException.class);
        String fixed = gitops.commit(broken, Map.of(file, gitops.read(good, file).orElseThrow()), io.chartroom.gitops.domain.CommitAuthor.user("platform"),
                "fixed");
        gitops.updateRef(GitOpsRepository.MAIN, broken, fixed);

        assertThat(jdbc.sql("select count(*) from audit_event where action in ('repository.helmfile_layout_kept', 'helmfile.value_edit_proposed') "
                + "and outcome = 'SUCCESS'").query(Long.class).single()).as("kept twice (the second with a team per release), one edit").isEqualTo(3);

        assertThat(api.delete(LAYOUT, Auth.user("developer")).status()).isEqualTo(403);
        assertThat(api.delete(LAYOUT, Auth.user("admin")).status()).isEqualTo(204);
        assertThat(api.get(LAYOUT, Auth.user("viewer")).status()).isEqualTo(404);
        assertThat(api.post(EDITS, Auth.user("developer"), Map.of("edit", edit)).status()).as("no longer kept").isEqualTo(409);
        assertThat(system.call(() -> desired.at(gitops.main()).removes())).as("main read only in part: the releases applied stay on their clusters").isFalse();
    }

    private static Integer maxReplicas(KubernetesClient cluster) {
        return cluster.autoscaling().v2().horizontalPodAutoscalers().inNamespace("shop").list().getItems().stream()
                .map(HorizontalPodAutoscaler::getSpec).map(s -> s.getMaxReplicas()).findFirst().orElse(null);
    }
}
