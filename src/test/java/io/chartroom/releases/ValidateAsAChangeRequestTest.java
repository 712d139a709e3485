package io.chartroom.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.marcnuri.helm.Helm;
import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.FidelityCharts;
import io.chartroom.fixtures.IntegrationTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * POST /api/v1/releases/validate runs the checks a change request runs, so that a draft it passes does not fail
 * its review: the chart's dependencies, kubeVersion constraints (by rendering for each environment's Kubernetes
 * versions), lint, the layout and generated secrets; and its messages are a user's, not a worker's or Helm's CLI's.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidateAsAChangeRequestTest {

    static final Auth DEVELOPER = Auth.user("developer");

    @LocalServerPort int port;
    ApiClient api;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        FidelityCharts.register(api, port);
        // an environment of old clusters (none registered yet): it renders for its own Kubernetes version
        Environments.create(api, Map.of("name", "oldkube", "clusterSelector", "env=oldkube", "kubeVersion", "1.20"));
    }

    @AfterAll
    void tearDown() {
        Environments.remove(api, "oldkube");
    }

    @Test
    void anUnresolvedDependencyFailsValidateAsItFailsTheChangeRequest() {
        Map<String, Object> release = FidelityCharts.release("val-unresolved", "unresolved-dep", "validate", "", List.of("dev"));
        JsonNode check = validate(release);
        assertThat(check.get("ok").asBoolean()).as(check.toString()).isFalse();
        String reason = "The dependency generated-secret cannot be resolved: no registered repository has the URL "
                + "https://charts.elsewhere.example.org/stable: an ADMIN registers it (Repositories), or adds "
                + "https://charts.elsewhere.example.org/stable to the Aliases of the registered repository that mirrors it";
        assertThat(problems(check, "errors")).containsExactly("release|chart|" + reason);
        assertThat(check.get("checks").toString()).contains("dependencies");
        assertThat(check.get("skipped").toString()).contains("layout, render, lint and generated secrets: they run once the errors above are fixed");

        ApiClient.Response proposed = api.post("/api/v1/change-requests", DEVELOPER, Map.of("release", release));
        assertThat(proposed.status()).as("nor can it be proposed").isEqualTo(400);
        assertThat(proposed.body()).contains(reason);
    }

    @Test
    void aKubeVersionConstraintFailsValidateInTheEnvironmentWhoseClustersCannotRunIt() {
        JsonNode check = validate(FidelityCharts.release("val-kube", "kube-125", "validate", "", List.of("dev", "oldkube")));
        assertThat(check.get("ok").asBoolean()).as(check.toString()).isFalse();
        assertThat(problems(check, "errors")).singleElement().asString().startsWith("render||oldkube (Kubernetes v1.20): ")
                .contains("kubeVersion", ">=1.25.0-0", "v1.20");
        assertThat(check.get("checks").valueStream().map(JsonNode::asString)).contains("render", "lint", "layout", "generated secrets");
        assertThat(check.get("skipped").toString()).contains("helm lint did not run for 1 target(s) that do not render");
        assertThat(validate(FidelityCharts.release("val-kube", "kube-125", "validate", "", List.of("dev"))).get("ok").asBoolean())
                .as("the clusters of dev run 1.31").isTrue();
    }

    @Test
    void aLintFindingNamesTheChartNeverAWorkersScratchDirectory() {
        JsonNode check = validate(FidelityCharts.release("val-lint", "undeclared-subchart", "validate", "", List.of("dev")));
        assertThat(check.get("ok").asBoolean()).as(check.toString()).isFalse();
        // helm lint names the chart's directory in this finding: the worker's copy, under its scratch directory
        assertThat(problems(check, "errors")).containsExactly("lint||dev: [ERROR] undeclared-subchart: chart metadata is missing these "
                + "dependencies: extra");
        assertThat(check.toString()).doesNotContain("/tmp/").doesNotContain("worker-").doesNotContain("lint-").doesNotContain("test-data");
    }

    @Test
    void helmsAdviceToUseDebugIsDroppedFromARenderError() {
        Path chart = Path.of("src/test/resources/charts/unquoted-value");
        Throwable helm = catchThrowable(() -> new Helm(chart).template().set("note", "a: b").call());
        assertThat(helm).as("what Helm itself says").hasMessageContaining("Use --debug flag to render out invalid YAML");

        JsonNode check = validate(FidelityCharts.release("val-yaml", "unquoted-value", "validate", "note: 'a: b'\n", List.of("dev")));
        assertThat(check.get("ok").asBoolean()).as(check.toString()).isFalse();
        assertThat(problems(check, "errors")).singleElement().asString()
                .startsWith("render||dev (Kubernetes v1.31.2): YAML parse error on unquoted-value/templates/configmap.yaml: ")
                .contains("mapping values are not allowed in this context").doesNotContain("--debug").doesNotContain("Use ");
    }

    @Test
    void theLayoutAndGeneratedSecretChecksRunToo() {
        JsonNode check = validate(FidelityCharts.release("val-gen", "generated-secret", "validate", "", List.of("dev")));
        assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.get("checks").valueStream().map(JsonNode::asString)).containsExactly("names", "team", "environments", "values",
                "schema", "dependencies", "layout", "render", "lint", "generated secrets");
        assertThat(check.get("skipped")).isEmpty();
        assertThat(problems(check, "warnings")).contains("generated secrets|dev|Secret val-gen-admin (password) is made anew on every render: "
                + "the chart generates it. A cluster keeps the value it has; rotate it on purpose with Sync now, rotate generated secrets");
    }

    private JsonNode validate(Map<String, Object> release) {
        ApiClient.Response response = api.post("/api/v1/releases/validate", DEVELOPER, release);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> problems(JsonNode check, String kind) {
        List<String> out = new ArrayList<>();
        check.get(kind).forEach(p -> out.add(p.get("layer").asString() + "|" + (p.get("location").isNull() ? "" : p.get("location").asString())
                + "|" + p.get("message").asString()));
        return out;
    }
}
