package io.chartroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.HelmTestRegistry;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.TestCharts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A chart pushed to a real OCI registry (helm-java's, with basic auth) is listed in the catalog and its README shown. */
@IntegrationTest
class OciRepositoryTest {

    @LocalServerPort int port;
    @TempDir Path tmp;

    @Test
    void chartsInAnOciRegistryAreListedAndTheirReadmeShown() throws Exception {
        String password = "pw-" + System.nanoTime();
        String registry = HelmTestRegistry.start("robot", password);
        try {
            for (String version : List.of("0.3.0", "0.4.0")) {
                Path tgz = tmp.resolve("oci-demo-" + version + ".tgz");
                Files.write(tgz, TestCharts.chart("oci-demo", version, "# OCI demo\n\nPushed as **" + version + "**."));
                Helm.registry().login().withHost(registry).withUsername("robot").withPassword(password).call();
                Helm.push().withChart(tgz).withRemote(URI.create("oci://" + registry + "/team")).plainHttp().call();
            }
            ApiClient api = new ApiClient(port);
            ApiClient.Response created = api.post("/api/v1/repositories", Auth.user("admin"), Map.of(
                    "name", "oci-team", "type", "OCI", "url", "oci://" + registry + "/team", "ociCharts", List.of("oci-demo"),
                    "plainHttp", true, "authType", "BASIC", "username", "robot", "secret", password));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().get("id").asLong();
            JsonNode sync = Poll.until(Duration.ofSeconds(30), () -> api.get("/api/v1/repositories/" + id, Auth.user("admin")).json().get("lastSync"),
                    s -> !s.isNull() && !s.get("status").asString().equals("RUNNING"));
            assertThat(sync.get("status").asString()).as(sync.toString()).isEqualTo("SUCCEEDED");
            assertThat(sync.get("versionsAdded").asInt()).isEqualTo(2);

            JsonNode chart = api.get("/api/v1/charts/oci-team/oci-demo", Auth.user("viewer")).json();
            assertThat(chart.get("versions").valueStream().map(v -> v.get("version").asString())).containsExactly("0.4.0", "0.3.0");
            JsonNode detail = api.get("/api/v1/charts/oci-team/oci-demo/versions/0.4.0", Auth.user("viewer")).json();
            assertThat(detail.get("usable").asBoolean()).as(detail.toString()).isTrue();
            assertThat(detail.get("readmeHtml").asString()).contains("<h1>OCI demo</h1>").contains("<strong>0.4.0</strong>");
            assertThat(detail.get("values").asString()).contains("replicas: 1");
        } finally {
            HelmTestRegistry.stop(registry);
        }
    }
}
