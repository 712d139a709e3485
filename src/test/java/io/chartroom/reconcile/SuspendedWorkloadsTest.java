package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.FidelityCharts;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A release whose workloads are stopped on purpose (a paused Deployment, a suspended CronJob) is Synced and
 * Suspended on a simulated cluster: its post-install hook does not wait for them for ever, it is no problem, and it
 * turns Healthy once a change resumes them.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuspendedWorkloadsTest {

    static final Duration CONVERGE = Duration.ofSeconds(60);

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    ApiClient api;
    ChangeRequests changes;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        changes = new ChangeRequests(api);
        changes.awaitSamples();
        FidelityCharts.register(api, port);
    }

    @Test
    void aSuspendedReleaseIsSuspendedNotAProblemAndHealthyOnceResumed() {
        merge(changes.propose(Auth.user("developer"), FidelityCharts.release("paused-web", "suspended", "suspended", "",
                List.of("dev")), null).get("id").asLong());
        JsonNode unit = Poll.until(CONVERGE, () -> unit("paused-web"), u -> u != null && u.get("sync").asString().equals("SYNCED"));
        assertThat(unit.get("health").asString()).as(unit.toString()).isEqualTo("SUSPENDED");
        assertThat(unit.get("message").asString()).isEqualTo("Deployment suspended/paused-web-web: the rollout is paused");
        assertThat(lastHistory("paused-web")).as("the post-install hook ran: suspended is nothing to wait for")
                .contains("ran 1 hook").endsWith("SUSPENDED");
        assertThat(api.get("/api/v1/status/problems", Auth.user("viewer")).body()).doesNotContain("paused-web");

        merge(changes.propose(Auth.user("developer"), FidelityCharts.release("paused-web", "suspended", "suspended", "suspended: false\n",
                List.of("dev")), "paused-web").get("id").asLong());
        Poll.until(CONVERGE, () -> unit("paused-web").get("health").asString(), health -> health.equals("HEALTHY"));
    }

    private String lastHistory(String release) {
        return jdbc.sql("select message || ' ' || health from unit_history where release_name = ? order by id desc limit 1")
                .param(release).query(String.class).single();
    }

    private void merge(long id) {
        changes.approve(id, "approver");
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    }

    private JsonNode unit(String release) {
        for (JsonNode u : api.get("/api/v1/releases/" + release + "/status", Auth.user("viewer")).json()) {
            if (u.get("environment").asString().equals("dev")) {
                return u;
            }
        }
        return null;
    }
}
