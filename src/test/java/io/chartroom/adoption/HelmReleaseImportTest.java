package io.chartroom.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.clusters.service.SimulatedClusters;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.HelmInstalls;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20, item 5: the Helm releases a cluster runs are listed from Helm's release Secrets (never their values),
 * and one is imported as a release through a change request: chart from the catalog, Helm's values, a secret among
 * them only as a reference, and what Helm applied compared with what Chartroom will apply.
 */
@IntegrationTest
class HelmReleaseImportTest {

    static final String PASSWORD = "s3cr3t-from-helm-values";

    @LocalServerPort int port;
    @Autowired SimulatedClusters simulated;
    @Autowired JdbcClient jdbc;

    @Test
    void aHelmReleaseIsListedWithoutItsValuesAndImportedThroughAChangeRequest() {
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        String values = "replicaCount: 3\ndatabase:\n  host: db.legacy\n  password: " + PASSWORD + "\n";
        Map<String, Object> config = Map.of("replicaCount", 3, "database", Map.of("host", "db.legacy", "password", PASSWORD));
        try (KubernetesClient dev = new KubernetesClientBuilder().withConfig(simulated.server("sim-dev").orElseThrow().config()).build()) {
            dev.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("legacy").endMetadata().build()).createOr(c -> c.update());
            String manifest = HelmInstalls.manifest("legacy-shop", "legacy", values);
            dev.resource(HelmInstalls.releaseSecret("legacy-shop", "legacy", 1, "superseded", Map.of(), manifest)).create();
            dev.resource(HelmInstalls.releaseSecret("legacy-shop", "legacy", 2, "deployed", config, manifest)).create();
            dev.resource(HelmInstalls.secret("broken", "legacy", 1, "deployed", "bm90IGd6aXA=")).create();
            // a Secret in legacy that claims, in its JSON, to be another namespace's release is not listed as one
            var forged = HelmInstalls.releaseSecret("prod-db", "payments-prod", 1, "deployed", Map.of(), manifest);
            forged.getMetadata().setNamespace("legacy");
            dev.resource(forged).create();

            ApiClient.Response listed = api.get("/api/v1/clusters/sim-dev/helm-releases", Auth.user("viewer"));
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            JsonNode shop = listed.json().valueStream().filter(f -> f.path("helm").path("name").asString().equals("legacy-shop")).findFirst().orElseThrow();
            assertThat(shop.path("helm").path("revision").asInt()).as("the running revision, not the superseded one").isEqualTo(2);
            assertThat(shop.path("helm").path("chart").asString()).isEqualTo("web-service");
            assertThat(shop.path("helm").path("chartVersion").asString()).isEqualTo("1.2.0");
            assertThat(shop.path("helm").path("status").asString()).isEqualTo("deployed");
            assertThat(shop.path("adoption").isNull()).isTrue();
            assertThat(listed.body()).doesNotContain(PASSWORD).doesNotContain("db.legacy").doesNotContain("prod-db");

            String path = "/api/v1/clusters/sim-dev/helm-releases/legacy/legacy-shop/import";
            // an ADMIN imports: the values come from the cluster, and Chartroom knows no team that owns a namespace
            assertThat(api.post(path, Auth.user("viewer"), Map.of("team", "payments")).status()).isEqualTo(403);
            assertThat(api.post(path, Auth.user("developer"), Map.of("team", "payments", "environment", "dev")).status()).isEqualTo(403);
            // other tests add environments that select sim-dev too: the import names its own
            ApiClient.Response noReference = api.post(path, Auth.user("admin"), Map.of("team", "payments", "environment", "dev"));
            assertThat(noReference.status()).isEqualTo(400);
            assertThat(noReference.body()).contains("references.database.password").contains("would be stored in Git").doesNotContain(PASSWORD);
            ApiClient.Response otherEnvironment = api.post(path, Auth.user("admin"), Map.of("team", "payments", "environment", "production",
                    "references", Map.of("database.password", "ref+awsssm://legacy/db-password")));
            assertThat(otherEnvironment.body()).contains("production does not select sim-dev");

            ApiClient.Response imported = api.post(path, Auth.user("admin"), Map.of("team", "payments", "environment", "dev",
                    "references", Map.of("database.password", "ref+awsssm://legacy/db-password")));
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            JsonNode result = imported.json();
            assertThat(result.path("release").asString()).isEqualTo("legacy-shop");
            assertThat(result.path("environment").asString()).isEqualTo("dev");
            assertThat(result.path("repository").asString()).isEqualTo("chartroom-samples");
            Map<String, String> outcomes = new java.util.TreeMap<>();
            result.path("comparison").path("objects").forEach(o -> outcomes.put(o.path("kind").asString() + " " + o.path("name").asString(),
                    o.path("outcome").asString() + o.path("paths").toString()));
            assertThat(outcomes).containsEntry("Deployment legacy-shop", "SAME[]")
                    .containsEntry("Service legacy-shop", "SAME[]");
            // the Secret's value is the reference now: a change, shown by where, never by what
            assertThat(outcomes.get("Secret legacy-shop-db")).startsWith("CHANGED").contains("stringData.password");
            assertThat(imported.body()).doesNotContain(PASSWORD);

            long id = result.path("changeRequestId").asLong();
            JsonNode details = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json();
            assertThat(details.path("changeRequest").path("title").asString()).isEqualTo("Adopt Helm release legacy/legacy-shop from sim-dev");
            assertThat(details.toString()).contains("ref+awsssm://legacy/db-password").contains("Imports the Helm release")
                    .doesNotContain(PASSWORD);
            JsonNode again = api.get("/api/v1/clusters/sim-dev/helm-releases", Auth.user("viewer")).json().valueStream()
                    .filter(f -> f.path("helm").path("name").asString().equals("legacy-shop")).findFirst().orElseThrow();
            assertThat(again.path("adoption").path("changeRequestId").asLong()).isEqualTo(id);
            assertThat(again.path("adopted").asBoolean(true)).as("not applied yet").isFalse();
            String audit = Poll.until(Duration.ofSeconds(10), () -> jdbc.sql("select coalesce(string_agg(details::text, ' | '), '') from audit_event "
                    + "where action = 'cluster.helm_release_imported'").query(String.class).single(), a -> a.contains("legacy/legacy-shop"));
            assertThat(audit).doesNotContain(PASSWORD);
            // Helm's record stays until Chartroom applies the release there
            ApiClient.Response early = api.delete("/api/v1/clusters/sim-dev/helm-releases/legacy/legacy-shop", Auth.user("admin"));
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.body()).contains("does not apply legacy-shop on sim-dev yet");
            assertThat(dev.secrets().inNamespace("legacy").withLabel("name", "legacy-shop").list().getItems()).hasSize(2);
            api.post("/api/v1/change-requests/" + id + "/close", Auth.user("admin"), Map.of());
        }
    }
}
