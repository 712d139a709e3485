package io.chartroom.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health probes, metrics and the OpenAPI document, as a platform team's tooling sees them. */
@IntegrationTest
class OperationsEndpointsTest {

    @LocalServerPort int port;

    @Test
    void livenessAndReadinessIncludingTheDatabaseAreUp() {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/actuator/health/liveness", Auth.none()).json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness", Auth.none()).json().get("status").asString()).isEqualTo("UP");
        ApiClient.Response db = api.get("/actuator/health/readiness/db", Auth.none());
        assertThat(db.status()).isEqualTo(200);
        assertThat(db.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreServedWithAToken() {
        ApiClient api = new ApiClient(port);
        ApiClient.Response anonymous = api.get("/actuator/prometheus", Auth.none());
        assertThat(anonymous.status()).as("metrics name clusters and releases: not for anyone").isEqualTo(401);
        String token = api.post("/api/v1/tokens", Auth.user("viewer"), java.util.Map.of("name", "scraper", "days", 1)).json()
                .get("token").asString();
        ApiClient.Response metrics = api.get("/actuator/prometheus", Auth.bearer(token));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections").contains("application=\"chartroom\"")
                .contains("chartroom_audit_head_id");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        ApiClient.Response doc = new ApiClient(port).get("/v3/api-docs", Auth.none());
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("paths").has("/api/v1/me")).isTrue();
        assertThat(doc.json().get("paths").has("/api/v1/tokens")).isTrue();
        assertThat(doc.json().get("paths").get("/api/v1/imports/helmfile/layout").has("put")).as("keeping a helmfile layout").isTrue();
        assertThat(doc.json().get("components").get("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void testingASimulatedClusterSaysItsKubernetesVersion() {
        ApiClient.Response check = new ApiClient(port).post("/api/v1/clusters/sim-dev/test", Auth.user("admin"), java.util.Map.of());
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().get("ok").asBoolean()).isTrue();
        assertThat(check.json().get("version").asString()).as("not \"Kubernetes null\"").matches("v1\\.\\d+\\.\\d+");
    }

    @Test
    void otherActuatorEndpointsAreClosed() {
        assertThat(new ApiClient(port).get("/actuator/env", Auth.user("admin")).status()).isIn(401, 403, 404);
    }
}
