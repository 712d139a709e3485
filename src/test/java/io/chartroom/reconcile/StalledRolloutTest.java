package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.FidelityCharts;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.ReleaseFlow;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A rollout that never finishes, on a simulated cluster (the chart's pods never become ready): the unit is
 * Progressing, then Degraded with the reason once the smallest of its Deployments' progress deadlines has passed
 * since it started Progressing; a unit applied long ago is not Degraded the moment it starts rolling.
 */
@IntegrationTest
class StalledRolloutTest {

    static final Duration CONVERGE = Duration.ofSeconds(60);

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void aStuckRolloutIsDegradedOnceItsSmallestDeadlineHasPassedSinceItStartedProgressing() {
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        FidelityCharts.register(api, port);
        ReleaseFlow flow = new ReleaseFlow(api);
        flow.merge(flow.propose(FidelityCharts.release("fid-slow", "stalled-rollout", "fidelity-slow", "", List.of("dev"))));
        JsonNode applied = Poll.until(CONVERGE, () -> flow.unit("fid-slow", "dev"), u -> u != null && u.get("sync").asString().equals("SYNCED"));
        Instant appliedAt = Instant.parse(applied.get("lastAppliedAt").asString());

        // as if the unit had been applied two days ago: the deadline counts from when it started Progressing, not from that
        jdbc.sql("update unit_status set last_applied_at = ? where release_name = 'fid-slow'")
                .param(Timestamp.from(appliedAt.minus(Duration.ofDays(2)))).update();
        JsonNode degraded = Poll.until(CONVERGE, () -> flow.unit("fid-slow", "dev"), u -> u.get("health").asString().equals("DEGRADED"));
        assertThat(degraded.get("message").asString()).as("the 8 s of the worker, not the web's 600 s, nor 2 days since the apply")
                .matches("still progressing after \\d+ s \\(deadline 8 s, progressDeadlineSeconds of Deployment fidelity-slow/fid-slow-worker\\): "
                        + "Deployment fidelity-slow/fid-slow-(web|worker): 0 of 1 updated replicas available");
        Instant since = jdbc.sql("select progressing_since from unit_status where release_name = 'fid-slow'").query(Timestamp.class).single()
                .toInstant();
        assertThat(since).as("kept with the unit's status").isAfterOrEqualTo(appliedAt);
        assertThat(api.get("/api/v1/status/problems", Auth.user("viewer")).json().findValuesAsString("release")).contains("fid-slow");

        flow.merge(flow.proposeRemoval("fid-slow"));
        Poll.until(CONVERGE, () -> flow.unit("fid-slow", "dev"), u -> u == null);
    }
}
