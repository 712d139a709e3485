package io.chartroom.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.TestCharts;
import io.chartroom.gitops.service.GitOpsRepository;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A release moves to a new chart version the way a platform team moves it: upgraded in dev first (the helmfile
 * picks the version by environment), then promoted to production, with values carried along; and the refusals: a
 * promotion that skips an environment, a version whose kubeVersion no cluster meets, a version that no longer has a
 * value the release sets, a value the new version requires. The chart {@code upgrade-demo} has 1.0.0, 1.1.0, 1.2.0
 * (requires {@code region}), 2.0.0 (drops {@code legacy}) and 3.0.0 (needs Kubernetes 1.40).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpgradeAndPromotionTest {

    static final Auth DEVELOPER = Auth.user("developer");
    static final Auth ADMIN = Auth.user("admin");

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    ChartRepositoryServer server;
    ApiClient api;
    ChangeRequests changes;

    @BeforeAll
    void serveTheChart() {
        api = new ApiClient(port);
        changes = new ChangeRequests(api);
        changes.awaitSamples();
        server = new ChartRepositoryServer();
        StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n  upgrade-demo:\n");
        for (String version : List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0", "3.0.0")) {
            byte[] tgz = chart(version);
            server.file("upgrade-demo-" + version + ".tgz", tgz);
            String entry = TestCharts.indexEntry("upgrade-demo", version, TestCharts.sha256(tgz), "upgrade-demo-" + version + ".tgz");
            index.append(version.equals("3.0.0") ? entry.replace("    name: upgrade-demo\n", "    name: upgrade-demo\n    kubeVersion: \">=1.40.0-0\"\n") : entry);
        }
        server.index(index.toString());
        ApiClient.Response created = api.post("/api/v1/repositories", ADMIN, Map.of("name", "upgrades", "url", server.url()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Poll.until(Duration.ofSeconds(60), () -> api.get("/api/v1/charts/upgrades/upgrade-demo", Auth.user("viewer")).status(),
                status -> status == 200);
        Environments.create(api, Map.of("name", "upg-last", "clusterSelector", "env=upg-last", "kubeVersion", "1.31"));
        Map<String, Object> release = release();
        JsonNode cr = changes.propose(DEVELOPER, release, null);
        merge(cr.get("id").asLong());
    }

    @AfterAll
    void cleanUp() {
        JsonNode removal = api.post("/api/v1/change-requests", DEVELOPER, Map.of("remove", "upg-demo")).json();
        merge(removal.get("id").asLong());
        Environments.remove(api, "upg-last");
        server.close();
    }

    @Test
    void anUpgradeTriedInDevIsPromotedToProductionWithTheValuesChosen() {
        ApiClient.Response preview = api.get("/api/v1/releases/upg-demo/upgrades/preview?environment=dev&version=1.1.0", DEVELOPER);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("blocked").asBoolean()).isFalse();
        assertThat(preview.json().get("versionsAfter").toString()).contains("\"dev\":\"1.1.0\"", "\"production\":\"1.0.0\"");
        JsonNode previewed = preview.json().get("environments");
        assertThat(previewed.findValuesAsString("environment")).as("only dev moves").containsExactly("dev");
        assertThat(previewed.get(0).get("targets").get(0).get("changed").asLong()).as("the ConfigMap names its chart version").isEqualTo(1);
        assertThat(previewed.get(0).get("targets").get(0).get("objects").get(0).get("diff").asString()).contains("+  chart-version: 1.1.0");

        ApiClient.Response upgraded = api.post("/api/v1/releases/upg-demo/upgrades", DEVELOPER, Map.of("environment", "dev", "version", "1.1.0"));
        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(201);
        assertThat(upgraded.json().get("title").asString()).isEqualTo("upg-demo: dev upgrade to upgrade-demo 1.1.0");
        long upgrade = upgraded.json().get("id").asLong();
        JsonNode details = api.get("/api/v1/change-requests/" + upgrade, DEVELOPER).json();
        // the review renders dev with 1.1.0, and production not at all: it does not change
        assertThat(ChangeRequestFlowTest.environment(details, "dev").toString()).contains("chart-version: 1.1.0");
        for (JsonNode environment : details.get("environments")) {
            if (!environment.get("environment").asString().equals("dev")) {
                assertThat(environment.toString()).as("only dev renders anew").doesNotContain("chart-version: 1.1.0");
            }
        }
        merge(upgrade);
        String helmfile = gitops.read(gitops.main(), "releases/upg-demo/helmfile.yaml.gotmpl").orElseThrow();
        assertThat(helmfile).contains("    version: {{ get (dict \"dev\" \"1.1.0\") .Environment.Name | default \"1.0.0\" }}\n");
        assertThat(api.get("/api/v1/releases/upg-demo", DEVELOPER).json().get("chartVersions").toString()).isEqualTo("{\"dev\":\"1.1.0\"}");

        ApiClient.Response promoted = api.post("/api/v1/releases/upg-demo/promotions", DEVELOPER,
                Map.of("from", "dev", "to", "production", "valuesPaths", List.of("resources.cpu")));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(201);
        long promotion = promoted.json().get("id").asLong();
        details = api.get("/api/v1/change-requests/" + promotion, DEVELOPER).json();
        assertThat(details.get("changeRequest").get("title").asString()).isEqualTo("upg-demo: promote dev -> production (upgrade-demo 1.1.0)");
        assertThat(ChangeRequestFlowTest.environment(details, "production").toString()).contains("chart-version: 1.1.0", "cpu: 250m");
        merge(promotion);
        // dev and production agree, upg-last still runs 1.0.0
        helmfile = gitops.read(gitops.main(), "releases/upg-demo/helmfile.yaml.gotmpl").orElseThrow();
        assertThat(helmfile).contains("{{ get (dict \"dev\" \"1.1.0\" \"production\" \"1.1.0\") .Environment.Name | default \"1.0.0\" }}");
        assertThat(gitops.read(gitops.main(), "releases/upg-demo/values/upg-demo--production.yaml").orElseThrow()).contains("cpu: 250m");

        ApiClient.Response last = api.post("/api/v1/releases/upg-demo/promotions", DEVELOPER, Map.of("from", "production", "to", "upg-last"));
        assertThat(last.status()).as(last.body()).isEqualTo(201);
        merge(last.json().get("id").asLong());
        // every environment runs 1.1.0: one version again, no template
        helmfile = gitops.read(gitops.main(), "releases/upg-demo/helmfile.yaml.gotmpl").orElseThrow();
        assertThat(helmfile).contains("    version: 1.1.0\n").doesNotContain("dict");
    }

    @Test
    void refusalsSayWhy() {
        ApiClient.Response skipping = api.post("/api/v1/releases/upg-demo/promotions", DEVELOPER, Map.of("from", "dev", "to", "upg-last"));
        assertThat(skipping.status()).isEqualTo(400);
        assertThat(skipping.body()).contains("dev promotes to production first").contains("takes an ADMIN");
        ApiClient.Response notAdmin = api.post("/api/v1/releases/upg-demo/promotions", DEVELOPER,
                Map.of("from", "dev", "to", "upg-last", "skipEnvironments", true));
        assertThat(notAdmin.status()).isEqualTo(403);
        ApiClient.Response backwards = api.post("/api/v1/releases/upg-demo/promotions", DEVELOPER, Map.of("from", "production", "to", "dev"));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("a promotion goes forward");

        ApiClient.Response kube = api.post("/api/v1/releases/upg-demo/upgrades", DEVELOPER, Map.of("environment", "dev", "version", "3.0.0"));
        assertThat(kube.status()).isEqualTo(400);
        assertThat(kube.body()).contains("upgrade-demo 3.0.0 needs Kubernetes >=1.40.0-0; no cluster of dev meets it");

        ApiClient.Response removed = api.post("/api/v1/releases/upg-demo/upgrades", DEVELOPER, Map.of("version", "2.0.0"));
        assertThat(removed.status()).isEqualTo(400);
        assertThat(removed.body()).contains("legacy.enabled").contains("upgrade-demo 2.0.0 no longer has it");
        ApiClient.Response previewed = api.get("/api/v1/releases/upg-demo/upgrades/preview?version=2.0.0", DEVELOPER);
        assertThat(previewed.json().get("blocked").asBoolean()).isTrue();
        assertThat(previewed.json().get("defaults").get(0).get("diff").asString()).as("the chart's defaults, as a diff").contains("-legacy:");

        ApiClient.Response required = api.get("/api/v1/releases/upg-demo/upgrades/preview?environment=dev&version=1.2.0", DEVELOPER);
        assertThat(required.json().get("blocked").asBoolean()).isTrue();
        assertThat(required.json().get("findings").toString()).contains("region");
        ApiClient.Response requiredRefused = api.post("/api/v1/releases/upg-demo/upgrades", DEVELOPER, Map.of("environment", "dev", "version", "1.2.0"));
        assertThat(requiredRefused.status()).isEqualTo(400);
        assertThat(requiredRefused.body()).contains("region");

        ApiClient.Response missing = api.post("/api/v1/releases/upg-demo/upgrades", DEVELOPER, Map.of("environment", "dev", "version", "9.9.9"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("upgrade-demo 9.9.9 is no longer in the catalog");
        ApiClient.Response otherTeam = api.post("/api/v1/releases/upg-demo/upgrades", Auth.user("developer2"), Map.of("environment", "dev", "version", "1.1.0"));
        assertThat(otherTeam.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/change-requests?release=upg-demo&state=OPEN", DEVELOPER).json().get("total").asInt())
                .as("no refused request left a change request behind").isZero();
    }

    @Test
    void severalReleasesOfTheChartMoveInOneChangeRequestOfOneTeam() {
        for (String[] r : new String[][] {{"multi-a", "payments", "developer"}, {"multi-b", "payments", "developer"}, {"multi-c", "search", "developer2"}}) {
            Map<String, Object> release = release();
            release.put("name", r[0]);
            release.put("team", r[1]);
            release.put("environments", List.of("dev", "production"));
            release.put("values", "");
            release.put("environmentValues", Map.of());
            merge(changes.propose(Auth.user(r[2]), release, null).get("id").asLong());
        }
        Map<String, Object> upgrade = new LinkedHashMap<>(Map.of("repository", "upgrades", "chart", "upgrade-demo", "environment", "dev",
                "version", "1.1.0", "releases", List.of("multi-a", "multi-b", "multi-c")));
        ApiClient.Response mixed = api.post("/api/v1/upgrades", DEVELOPER, upgrade);
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.body()).contains("the releases belong to teams payments, search");
        upgrade.put("team", "payments");
        assertThat(api.post("/api/v1/upgrades", Auth.user("developer2"), upgrade).status()).as("another team's releases").isEqualTo(403);
        ApiClient.Response kube = api.post("/api/v1/upgrades", DEVELOPER, Map.of("repository", "upgrades", "chart", "upgrade-demo",
                "team", "payments", "releases", List.of("multi-a", "multi-b"), "environment", "dev", "version", "3.0.0"));
        assertThat(kube.status()).isEqualTo(400);
        assertThat(kube.body()).contains("multi-a:dev:kubeVersion", "multi-b:dev:kubeVersion");

        ApiClient.Response opened = api.post("/api/v1/upgrades", DEVELOPER, upgrade);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().get("kind").asString()).isEqualTo("BULK");
        assertThat(opened.json().get("title").asString()).isEqualTo("upgrade-demo: dev upgrade of 2 releases to 1.1.0");
        long id = opened.json().get("id").asLong();
        JsonNode details = api.get("/api/v1/change-requests/" + id, DEVELOPER).json();
        assertThat(details.get("files").findValuesAsString("path")).containsExactlyInAnyOrder(
                "releases/multi-a/helmfile.yaml.gotmpl", "releases/multi-b/helmfile.yaml.gotmpl");
        List<String> sections = new java.util.ArrayList<>();
        details.get("environments").forEach(e -> sections.add(e.get("release").asString() + "/" + e.get("environment").asString()
                + (e.get("changed").asBoolean() ? " changed" : "")));
        assertThat(sections).containsExactly("multi-a/dev changed", "multi-a/production", "multi-b/dev changed", "multi-b/production");
        assertThat(details.get("checks").findValuesAsString("name")).contains("multi-a: Render", "multi-b: Render");
        assertThat(details.get("changeRequest").get("environments").toString()).isEqualTo("[\"dev\"]");
        assertThat(api.put("/api/v1/change-requests/" + id, DEVELOPER, Map.of("release", release())).status())
                .as("a bulk change is not edited as one release").isEqualTo(409);
        merge(id);
        for (String name : List.of("multi-a", "multi-b")) {
            assertThat(api.get("/api/v1/releases/" + name, DEVELOPER).json().get("chartVersions").toString()).isEqualTo("{\"dev\":\"1.1.0\"}");
        }
        assertThat(api.get("/api/v1/releases/multi-c", DEVELOPER).json().get("chartVersions").toString()).isEqualTo("{}");
        ApiClient.Response again = api.post("/api/v1/upgrades", DEVELOPER, upgrade);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("nothing changes");

        ApiClient.Response promoted = api.post("/api/v1/promotions", DEVELOPER, Map.of("repository", "upgrades", "chart", "upgrade-demo",
                "team", "payments", "from", "dev", "to", "production"));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(201);
        assertThat(promoted.json().get("title").asString()).isEqualTo("upgrade-demo: promote dev -> production of 2 releases");
        long promotion = promoted.json().get("id").asLong();
        merge(promotion);
        assertThat(gitops.read(gitops.main(), "releases/multi-b/helmfile.yaml.gotmpl").orElseThrow()).contains("    version: 1.1.0\n");

        // the revert restores those two releases only
        ApiClient.Response revert = api.post("/api/v1/change-requests/" + promotion + "/revert", DEVELOPER, Map.of());
        assertThat(revert.status()).as(revert.body()).isEqualTo(201);
        JsonNode reverting = api.get("/api/v1/change-requests/" + revert.json().get("id").asLong(), DEVELOPER).json();
        assertThat(reverting.get("files").findValuesAsString("path")).containsExactlyInAnyOrder(
                "releases/multi-a/helmfile.yaml.gotmpl", "releases/multi-b/helmfile.yaml.gotmpl");
        api.post("/api/v1/change-requests/" + revert.json().get("id").asLong() + "/close", DEVELOPER, Map.of());
        for (String[] r : new String[][] {{"multi-a", "developer"}, {"multi-b", "developer"}, {"multi-c", "developer2"}}) {
            merge(api.post("/api/v1/change-requests", Auth.user(r[1]), Map.of("remove", r[0])).json().get("id").asLong());
        }
    }

    private void merge(long id) {
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", ADMIN, Map.of("overrideReason", "test setup"));
        // a refused merge shows the review's checks and targets, so that a target that did not render names its error
        assertThat(merged.status()).as(() -> merged.body() + (merged.status() == 200 ? ""
                : "\nreview: " + api.get("/api/v1/change-requests/" + id, DEVELOPER).json().path("checks") + "\nenvironments: "
                + api.get("/api/v1/change-requests/" + id, DEVELOPER).json().path("environments"))).isEqualTo(200);
    }

    private static Map<String, Object> release() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "upg-demo");
        r.put("namespace", "upg");
        r.put("team", "payments");
        r.put("repository", "upgrades");
        r.put("chart", "upgrade-demo");
        r.put("version", "1.0.0");
        r.put("environments", List.of("dev", "production", "upg-last"));
        r.put("values", "legacy:\n  enabled: true\n");
        r.put("environmentValues", Map.of("dev", "resources:\n  cpu: 250m\n"));
        return r;
    }

    /** A version of upgrade-demo: 2.0.0 and later have no {@code legacy} value; 3.0.0 needs Kubernetes 1.40. */
    private static byte[] chart(String version) {
        boolean legacy = version.startsWith("1.");
        String chartYaml = "apiVersion: v2\nname: upgrade-demo\nversion: " + version + "\n"
                + (version.equals("3.0.0") ? "kubeVersion: \">=1.40.0-0\"\n" : "");
        String values = "resources:\n  cpu: 100m\n" + (legacy ? "legacy:\n  enabled: false\n" : "");
        String template = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n"
                + "  chart-version: {{ .Chart.Version }}\n  cpu: {{ .Values.resources.cpu }}\n";
        List<TestCharts.Entry> files = new java.util.ArrayList<>(List.of(TestCharts.Entry.file("upgrade-demo/Chart.yaml", chartYaml),
                TestCharts.Entry.file("upgrade-demo/values.yaml", values),
                TestCharts.Entry.file("upgrade-demo/templates/cm.yaml", template)));
        if (version.equals("1.2.0")) {
            files.add(TestCharts.Entry.file("upgrade-demo/values.schema.json",
                    "{\"type\": \"object\", \"required\": [\"region\"], \"properties\": {\"region\": {\"type\": \"string\"}}}"));
        }
        return TestCharts.tgz(files);
    }
}
