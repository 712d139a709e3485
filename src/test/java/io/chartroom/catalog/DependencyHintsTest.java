package io.chartroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.FidelityCharts;
import io.chartroom.fixtures.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What a user reads about a dependency that cannot be resolved, and about an alias a repository cannot have, is
 * something an admin can do; doing exactly that resolves the dependency.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependencyHintsTest {

    static final Auth ADMIN = Auth.user("admin");
    static final String OTHER = "https://charts.other.example.org/stable";

    @LocalServerPort int port;
    ApiClient api;
    JsonNode fidelity;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        FidelityCharts.register(api, port);
        fidelity = api.get("/api/v1/repositories", ADMIN).json().valueStream()
                .filter(r -> r.get("name").asString().equals(FidelityCharts.REPOSITORY)).findFirst().orElseThrow();
    }

    @Test
    void eachUnresolvedDependencySaysWhatAnAdminDoesAndDoingItResolvesIt() {
        JsonNode chart = api.get("/api/v1/charts/fidelity/alias-deps/versions/0.1.0", Auth.user("viewer")).json();
        assertThat(chart.get("usable").asBoolean()).isFalse();
        String byAlias = "no registered repository is named upstream or has the alias upstream: an ADMIN registers the repository that "
                + "serves generated-secret under the name upstream, or adds upstream to its Aliases (Repositories)";
        String byUrl = "no registered repository has the URL " + OTHER + ": an ADMIN registers it (Repositories), or adds " + OTHER
                + " to the Aliases of the registered repository that mirrors it";
        assertThat(chart.get("dependencies").valueStream().map(d -> d.get("message").asString())).containsExactly(byAlias, byUrl);
        assertThat(chart.get("unusableReason").asString()).isEqualTo("The dependency generated-secret cannot be resolved: " + byAlias);

        try {
            // as the hints say, with the URL as people copy it from a repository's page: with its index.yaml
            ApiClient.Response updated = api.put("/api/v1/repositories/" + fidelity.get("id").asLong(), ADMIN,
                    registration(List.of(FidelityCharts.MIRRORED, "upstream", OTHER + "/index.yaml")));
            assertThat(updated.status()).as(updated.body()).isEqualTo(200);
            assertThat(updated.json().get("aliases").valueStream().map(JsonNode::asString))
                    .containsExactly(FidelityCharts.MIRRORED, "upstream", OTHER + "/");
            JsonNode resolved = api.get("/api/v1/charts/fidelity/alias-deps/versions/0.1.0", Auth.user("viewer")).json();
            assertThat(resolved.get("usable").asBoolean()).as(resolved.toString()).isTrue();
            assertThat(resolved.get("dependencies").valueStream().map(d -> d.get("message").asString()))
                    .containsExactly("resolved from fidelity", "resolved from fidelity");
        } finally {
            assertThat(api.put("/api/v1/repositories/" + fidelity.get("id").asLong(), ADMIN, registration(List.of(FidelityCharts.MIRRORED)))
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void anAliasThatCannotWorkIsRefusedSayingWhatWould() {
        ApiClient.Response refused = api.put("/api/v1/repositories/" + fidelity.get("id").asLong(), ADMIN, registration(List.of(
                FidelityCharts.MIRRORED, "Upstream Charts", "ftp://mirror.example.org/charts", "chartroom-samples")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("'Upstream Charts' is neither a name (lowercase letters, digits, dashes) nor a URL this "
                        + "repository mirrors (https://..., oci://...)")
                .contains("'ftp://mirror.example.org/charts' is neither a name (lowercase letters, digits, dashes) nor a URL this "
                        + "repository mirrors (https://..., oci://...)")
                .contains("'chartroom-samples' already names repository chartroom-samples")
                .contains("aliases");
        assertThat(api.get("/api/v1/repositories/" + fidelity.get("id").asLong(), ADMIN).json().get("aliases").valueStream()
                .map(JsonNode::asString)).as("nothing changed").containsExactly(FidelityCharts.MIRRORED);
    }

    /** The fidelity repository's registration as it is, with these aliases. */
    private Map<String, Object> registration(List<String> aliases) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", fidelity.get("name").asString());
        body.put("url", fidelity.get("url").asString());
        body.put("aliases", aliases);
        body.put("syncIntervalMinutes", fidelity.get("syncIntervalMinutes").asLong());
        return body;
    }
}
