package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.TestCharts;
import io.chartroom.gitops.service.GitOpsRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A chart that prints a value unquoted (src/test/resources/charts/echo-value) turns "[[[[…" in the values into YAML
 * nested 5,000 levels deep in the rendered manifest. Reading it must not exhaust a thread's stack: the preview, the
 * change request's Render check and the reconciler each give a clear error naming the template and line.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderedNestingTest {

    static final String DEEP_VALUES = "raw: \"" + "[".repeat(5000) + "]".repeat(5000) + "\"\n";
    static final String TOO_DEEP = ": nested deeper than 100 levels; Chartroom reads at most 100";
    static final String TEMPLATE = "echo-value/templates/configmap.yaml:";

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    ChartRepositoryServer server;
    ApiClient api;

    @BeforeAll
    void serveTheChart() {
        api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        byte[] tgz = TestCharts.packDirectory(Path.of("src/test/resources/charts/echo-value"));
        server = new ChartRepositoryServer().file("echo-value-1.0.0.tgz", tgz);
        server.index("apiVersion: v1\nentries:\n  echo-value:\n"
                + TestCharts.indexEntry("echo-value", "1.0.0", TestCharts.sha256(tgz), "echo-value-1.0.0.tgz"));
        ApiClient.Response created = api.post("/api/v1/repositories", Auth.user("admin"), Map.of("name", "echo-value", "url", server.url()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Poll.until(Duration.ofSeconds(60), () -> api.get("/api/v1/charts/echo-value/echo-value", Auth.user("viewer")).status(), s -> s == 200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void thePreviewAndTheChangeRequestNameTheTemplate() {
        JsonNode target = api.post("/api/v1/releases/render", Auth.user("developer"), release("echo-preview")).json().get(0);
        assertThat(target.get("ok").asBoolean()).isFalse();
        assertThat(target.get("error").asString()).startsWith("the rendered manifest cannot be read: " + TEMPLATE).endsWith(TOO_DEEP);
        assertThat(target.get("objects").size()).isZero();

        // a plain value renders as before
        Map<String, Object> plain = release("echo-preview");
        plain.put("values", "raw: \"[[1]]\"\n");
        JsonNode fine = api.post("/api/v1/releases/render", Auth.user("developer"), plain).json().get(0);
        assertThat(fine.get("ok").asBoolean()).as(fine.toString()).isTrue();
        assertThat(fine.get("manifest").asString()).contains("raw: [[1]]");

        JsonNode cr = new ChangeRequests(api).propose(Auth.user("developer"), release("echo-review"), null);
        JsonNode render = api.get("/api/v1/change-requests/" + cr.get("id").asLong(), Auth.user("viewer")).json().get("checks").valueStream()
                .filter(c -> c.get("name").asString().equals("Render")).findFirst().orElseThrow();
        assertThat(render.get("status").asString()).isEqualTo("FAILED");
        assertThat(render.get("details").get(0).asString()).contains("the rendered manifest cannot be read: " + TEMPLATE).endsWith(TOO_DEEP);
        api.post("/api/v1/change-requests/" + cr.get("id").asLong() + "/close", Auth.user("developer"), Map.of());
    }

    /** Such a release cannot be merged (its Render check fails); main may still hold one, e.g. imported from a remote. */
    @Test
    void theReconcilerFailsTheUnitForGoodNamingTheTemplate() {
        Map<String, String> files = new LinkedHashMap<>();
        api.post("/api/v1/releases/files", Auth.user("developer"), release("echo-main")).json().properties()
                .forEach(e -> files.put(e.getKey(), e.getValue().asString()));
        assertThat(files).isNotEmpty();
        commitToMain(files, "Add echo-main");
        try {
            JsonNode failed = Poll.until(Duration.ofSeconds(60), () -> unit("echo-main"), u -> u != null && u.get("sync").asString().equals("FAILED"));
            assertThat(failed.get("message").asString()).startsWith("the chart's output cannot be read: " + TEMPLATE).contains(TOO_DEEP);
            assertThat(failed.get("failureKind").asString()).isEqualTo("PERMANENT");
            assertThat(failed.get("nextAttemptAt").isNull()).as("not retried by the clock").isTrue();
        } finally {
            Map<String, String> removal = new LinkedHashMap<>();
            files.keySet().forEach(path -> removal.put(path, null));
            commitToMain(removal, "Remove echo-main");
        }
        Poll.until(Duration.ofSeconds(60), () -> api.get("/api/v1/releases/echo-main/status", Auth.user("viewer")).json().size(), n -> n == 0);
    }

    /** A stand-in for a merge, which the failing check would refuse. */
    private void commitToMain(Map<String, String> changes, String message) {
        String head = gitops.main();
        gitops.updateRef(GitOpsRepository.MAIN, head, gitops.commit(head, changes, gitops.system(), message));
    }

    private JsonNode unit(String release) {
        JsonNode units = api.get("/api/v1/releases/" + release + "/status", Auth.user("viewer")).json();
        return units.isEmpty() ? null : units.get(0);
    }

    private static Map<String, Object> release(String name) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("namespace", "echo");
        r.put("team", "payments");
        r.put("repository", "echo-value");
        r.put("chart", "echo-value");
        r.put("version", "1.0.0");
        r.put("environments", List.of("dev"));
        r.put("values", DEEP_VALUES);
        r.put("environmentValues", new TreeMap<>());
        return r;
    }
}
