package io.chartroom.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.clusters.domain.ClusterRepository;
import io.chartroom.clusters.service.ClusterConnections;
import io.chartroom.clusters.service.ClusterResources;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.AsUser;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.TestCharts;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import tools.jackson.databind.JsonNode;

/**
 * No Secret value in a preview, a review or a live view, whatever shape the Secret has: base64 under data, inside a
 * List, its kind spelt with a YAML escape (the text never says "Secret"), a field Kubernetes does not know. Each
 * shows that it holds a token, never the token; a live Secret also hides kubectl's copy of itself in an annotation.
 * The chart is src/test/resources/charts/secret-shapes.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretMaskingTest {

    static final String TOKEN = "shape-token-4f1d9c";
    static final String TOKEN_BASE64 = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
    static final Pattern MASKED_TOKEN = Pattern.compile("token: (<hidden:[0-9a-f]{8}>)");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ClusterConnections connections;
    @Autowired ClusterRepository clusters;
    @Autowired ClusterResources resources;
    @Autowired ObjectProvider<SecurityContextHolderStrategy> security;
    ChartRepositoryServer server;
    ApiClient api;

    @BeforeAll
    void serveTheChart() {
        api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        byte[] tgz = TestCharts.packDirectory(Path.of("src/test/resources/charts/secret-shapes"));
        server = new ChartRepositoryServer().file("secret-shapes-1.0.0.tgz", tgz);
        server.index("apiVersion: v1\nentries:\n  secret-shapes:\n"
                + TestCharts.indexEntry("secret-shapes", "1.0.0", TestCharts.sha256(tgz), "secret-shapes-1.0.0.tgz"));
        ApiClient.Response created = api.post("/api/v1/repositories", Auth.user("admin"), Map.of("name", "secret-shapes", "url", server.url()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Poll.until(Duration.ofSeconds(60), () -> api.get("/api/v1/charts/secret-shapes/secret-shapes", Auth.user("viewer")).status(),
                status -> status == 200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void thePreviewMasksEveryShape() {
        ApiClient.Response answer = api.post("/api/v1/releases/render", Auth.user("developer"), release("shapes-preview"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(TOKEN).doesNotContain(TOKEN_BASE64);
        JsonNode target = answer.json().get(0);
        assertThat(target.get("ok").asBoolean()).as(target.toString()).isTrue();
        assertThat(target.get("objects").findValuesAsString("kind")).containsExactlyInAnyOrder("Secret", "List", "Secret", "Secret", "ConfigMap");
        String manifest = target.get("manifest").asString();
        // data holds the base64 text, the others the text itself: two values, two fingerprints over four Secrets
        assertThat(fingerprints(manifest)).hasSize(4);
        assertThat(new java.util.HashSet<>(fingerprints(manifest))).as("equal values, equal fingerprints").hasSize(2);
        assertThat(manifest).contains("kind: Secret\nmetadata:\n  name: shapes-preview-escaped").contains("greeting: hello");
    }

    @Test
    void theReviewMasksEveryShape() {
        JsonNode cr = new ChangeRequests(api).propose(Auth.user("developer"), release("shapes-review"), null);
        ApiClient.Response details = api.get("/api/v1/change-requests/" + cr.get("id").asLong(), Auth.user("viewer"));
        // the values file holds the token in plain text (a real secret is a ref+ reference); the rendered objects never do
        assertThat(details.json().get("environments").get(0).get("targets").toString()).doesNotContain(TOKEN).doesNotContain(TOKEN_BASE64);
        List<String> diffs = details.json().get("environments").get(0).get("targets").get(0).get("objects").valueStream()
                .filter(o -> !o.get("kind").asString().equals("ConfigMap")).map(o -> o.get("diff").asString()).toList();
        assertThat(diffs).hasSize(4).allSatisfy(diff -> assertThat(diff).containsPattern("\\+\\s+token: <hidden:[0-9a-f]{8}>"));
        String stored = jdbc.sql("select (review->'environments'->0->'targets')::text from change_request where id = ?").param(cr.get("id").asLong()).query(String.class).single();
        assertThat(stored).as("nor does the stored review").doesNotContain(TOKEN).doesNotContain(TOKEN_BASE64);
        api.post("/api/v1/change-requests/" + cr.get("id").asLong() + "/close", Auth.user("developer"), Map.of());
    }

    @Test
    void theLiveViewMasksDataAndKubectlsCopyOfTheSecret() {
        KubernetesClient client = connections.client(clusters.findByName("sim-dev").orElseThrow());
        String lastApplied = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"data\":{\"token\":\"" + TOKEN_BASE64 + "\"}}";
        client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("live-shapes")
                .withNamespace("default").addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", lastApplied)
                .addToAnnotations("team", "payments").endMetadata().addToData("token", TOKEN_BASE64).build()).createOr(r -> r.update());
        try {
            String yaml = new AsUser(security).call("viewer", () -> resources.yaml("sim-dev", "v1", "Secret", "default", "live-shapes"));
            assertThat(yaml).doesNotContain(TOKEN_BASE64).doesNotContain(TOKEN).containsPattern(MASKED_TOKEN.pattern())
                    .containsPattern("kubectl.kubernetes.io/last-applied-configuration: <hidden:[0-9a-f]{8}>")
                    .as("other annotations show as they are").contains("team: payments");
        } finally {
            client.secrets().inNamespace("default").withName("live-shapes").delete();
        }
    }

    private static List<String> fingerprints(String manifest) {
        List<String> found = new ArrayList<>();
        Matcher m = MASKED_TOKEN.matcher(manifest);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Map<String, Object> release(String name) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("namespace", "shapes");
        r.put("team", "payments");
        r.put("repository", "secret-shapes");
        r.put("chart", "secret-shapes");
        r.put("version", "1.0.0");
        r.put("environments", List.of("dev"));
        r.put("values", "token: " + TOKEN + "\n");
        r.put("environmentValues", new TreeMap<>());
        return r;
    }
}
