package io.chartroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.TestCharts;
import io.chartroom.fixtures.TestCharts.Entry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Search, filters, version order and dependency resolution, over the bundled samples and a repository of its own. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogBrowsingTest {

    static final Auth VIEWER = Auth.user("viewer");

    @LocalServerPort int port;
    ApiClient api;
    ChartRepositoryServer server;

    @BeforeAll
    void registerARepository() {
        api = new ApiClient(port);
        server = new ChartRepositoryServer();
        StringBuilder index = new StringBuilder("entries:\n  semver-demo:\n");
        for (String v : List.of("1.0.0", "1.10.0", "1.9.0", "2.0.0-rc.1")) {
            byte[] tgz = TestCharts.chart("semver-demo", v, "# semver " + v);
            server.file("semver-demo-" + v + ".tgz", tgz);
            index.append(TestCharts.indexEntry("semver-demo", v, TestCharts.sha256(tgz), "semver-demo-" + v + ".tgz", "demo"));
        }
        byte[] orphan = TestCharts.tgz(List.of(
                Entry.file("orphan/Chart.yaml", "apiVersion: v2\nname: orphan\nversion: 1.0.0\ndependencies:\n"
                        + "  - name: postgresql\n    version: ~15.0.0\n    repository: https://charts.unknown.example/stable\n"),
                Entry.file("orphan/values.yaml", "x: 1\n")));
        server.file("orphan-1.0.0.tgz", orphan);
        index.append("  orphan:\n").append(TestCharts.indexEntry("orphan", "1.0.0", TestCharts.sha256(orphan), "orphan-1.0.0.tgz", "database"));
        server.index(index.toString());
        assertThat(api.post("/api/v1/repositories", Auth.user("admin"), Map.of("name", "browsing", "url", server.url())).status()).isEqualTo(201);
        Poll.until(Duration.ofSeconds(30), () -> api.get("/api/v1/charts?repository=browsing", VIEWER).json().get("total").asInt(), n -> n == 2);
        Poll.until(Duration.ofSeconds(30), () -> api.get("/api/v1/charts?repository=chartroom-samples", VIEWER).json().get("total").asInt(), n -> n == 3);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    List<String> names(String query) {
        return api.get("/api/v1/charts?" + query, VIEWER).json().get("items").valueStream()
                .map(c -> c.get("name").asString()).toList();
    }

    @Test
    void searchRanksNameMatchesFirstAndMatchesAsOneTypes() {
        assertThat(names("q=web")).startsWith("web-service").contains("shop");
        assertThat(names("q=serv")).contains("web-service");
        assertThat(names("q=storefront")).containsExactly("shop");
        assertThat(names("q=queue%20background")).containsExactly("worker");
        assertThat(names("q=nothing-like-this")).isEmpty();
    }

    @Test
    void filtersByRepositoryAndKeyword() {
        assertThat(names("keyword=worker")).containsExactly("worker");
        assertThat(names("repository=browsing")).containsExactlyInAnyOrder("semver-demo", "orphan");
        assertThat(names("repository=browsing&keyword=database")).containsExactly("orphan");
        JsonNode page = api.get("/api/v1/charts?size=2&page=0", VIEWER).json();
        assertThat(page.get("items").size()).isEqualTo(2);
        assertThat(page.get("total").asInt()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void versionsAreInSemanticVersionOrderAndTheLatestIsTheNewestStable() {
        JsonNode chart = api.get("/api/v1/charts/browsing/semver-demo", VIEWER).json();
        assertThat(chart.get("versions").valueStream().map(v -> v.get("version").asString()))
                .containsExactly("2.0.0-rc.1", "1.10.0", "1.9.0", "1.0.0");
        assertThat(chart.get("chart").get("latestVersion").asString()).isEqualTo("1.10.0");
    }

    @Test
    void aDependencyResolvedFromARegisteredRepositoryAndOneThatCannotBe() {
        JsonNode shop = api.get("/api/v1/charts/chartroom-samples/shop/versions/2.0.1", VIEWER).json();
        assertThat(shop.get("usable").asBoolean()).isTrue();
        JsonNode dependency = shop.get("dependencies").get(0);
        assertThat(dependency.get("state").asString()).isEqualTo("RESOLVED");
        assertThat(dependency.get("resolvedVersion").asString()).isEqualTo("1.2.0");

        JsonNode orphan = api.get("/api/v1/charts/browsing/orphan/versions/1.0.0", VIEWER).json();
        assertThat(orphan.get("usable").asBoolean()).isFalse();
        assertThat(orphan.get("unusableReason").asString()).contains("postgresql")
                .contains("no registered repository has the URL https://charts.unknown.example/stable: an ADMIN registers it (Repositories), "
                        + "or adds https://charts.unknown.example/stable to the Aliases of the registered repository that mirrors it");
    }

    @Test
    void theSampleChartsAreComplete() {
        JsonNode web = api.get("/api/v1/charts/chartroom-samples/web-service/versions/1.2.0", VIEWER).json();
        assertThat(web.get("valuesSchema").asString()).contains("\"enum\"").contains("\"minimum\"").contains("\"required\"")
                .contains("\"items\"").contains("\"$ref\"");
        assertThat(web.get("readmeHtml").asString()).contains("<table>");
        JsonNode worker = api.get("/api/v1/charts/chartroom-samples/worker/versions/0.3.0", VIEWER).json();
        assertThat(worker.get("valuesSchema").isNull()).isTrue();
        assertThat(worker.get("values").asString()).contains("# Queue the workers consume");
    }
}
