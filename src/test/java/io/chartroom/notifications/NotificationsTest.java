package io.chartroom.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18, item 5: notifications out. A signed webhook and a Slack-compatible webhook get what they subscribed to
 * (events, environments, teams), a receiver can verify the signature and refuse an old timestamp, a failing target
 * is retried with back-off and then marked failed in the delivery log, and only admins see or change any of it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsTest {

    static final String SECRET = "a-signing-secret-of-some-length";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired io.chartroom.clusters.service.SimulatedClusters simulated;
    ApiClient api;
    ChangeRequests changes;
    WireMockServer receiver;

    @BeforeAll
    void start() {
        api = new ApiClient(port);
        changes = new ChangeRequests(api);
        changes.awaitSamples();
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/hooks/chartroom")).willReturn(ok()));
        receiver.stubFor(post(urlEqualTo("/slack/T000/B000/xyz")).willReturn(ok("ok")));
        receiver.stubFor(post(urlEqualTo("/broken")).willReturn(aResponse().withStatus(500).withBody("internal error")));
    }

    @AfterAll
    void stop() {
        receiver.stop();
        jdbc.sql("delete from notification_target").update();
    }

    @Test
    void subscribersGetWhatTheyAskedForSignedAndOnlyThat() throws Exception {
        Map<String, Object> webhook = Map.of("name", "ops-hook", "kind", "WEBHOOK", "url", receiver.baseUrl() + "/hooks/chartroom", "secret", SECRET,
                "events", List.of("CHANGE_REQUEST_OPENED", "CHANGE_REQUEST_MERGED"), "environments", List.of("dev"));
        assertThat(api.post("/api/v1/notifications/targets", Auth.user("developer"), webhook).status()).isEqualTo(403);
        ApiClient.Response added = api.post("/api/v1/notifications/targets", Auth.user("admin"), webhook);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(api.post("/api/v1/notifications/targets", Auth.user("admin"), Map.of("name", "slack-payments", "kind", "SLACK",
                "url", receiver.baseUrl() + "/slack/T000/B000/xyz", "events", List.of("CHANGE_REQUEST_OPENED"), "teams", List.of("payments")))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/v1/notifications/targets", Auth.user("admin"), Map.of("name", "slack-platform", "kind", "SLACK",
                "url", receiver.baseUrl() + "/slack/T000/B000/xyz", "events", List.of("CHANGE_REQUEST_OPENED"), "teams", List.of("platform")))
                .status()).isEqualTo(201);
        String targets = api.get("/api/v1/notifications/targets", Auth.user("admin")).body();
        assertThat(targets).contains("ops-hook").contains("localhost").doesNotContain("/hooks/chartroom").doesNotContain(SECRET).doesNotContain("xyz");
        assertThat(api.get("/api/v1/notifications/targets", Auth.user("approver")).status()).isEqualTo(403);

        long dev = changes.propose(Auth.user("developer"), ChangeRequests.release("notify-dev", "replicaCount: 2\n", Map.of("dev", "")), null)
                .get("id").asLong();
        LoggedRequest hook = Poll.until(Duration.ofSeconds(20), () -> receiver.findAll(postRequestedFor(urlEqualTo("/hooks/chartroom"))), r -> !r.isEmpty())
                .getFirst();
        JsonNode payload = ApiClient.JSON.readTree(hook.getBodyAsString());
        assertThat(payload.get("event").asString()).isEqualTo("change_request.opened");
        assertThat(payload.get("changeRequest").asLong()).isEqualTo(dev);
        assertThat(payload.get("environments").toString()).contains("dev");
        assertThat(payload.get("link").asString()).endsWith("/change-requests/" + dev);
        assertThat(hook.getHeader("X-Chartroom-Event")).isEqualTo("change_request.opened");
        String timestamp = hook.getHeader("X-Chartroom-Timestamp");
        assertThat(Instant.ofEpochSecond(Long.parseLong(timestamp))).as("fresh: a receiver refuses old ones").isAfter(Instant.now().minusSeconds(60));
        assertThat(hook.getHeader("X-Chartroom-Signature-256")).isEqualTo("sha256=" + hmac(SECRET, timestamp + "." + hook.getBodyAsString()));

        // the fixture's releases belong to team payments: the Slack target for payments gets both, one for another team nothing
        long production = changes.propose(Auth.user("developer"), ChangeRequests.release("notify-prod", "replicaCount: 2\n", Map.of("production", "")), null)
                .get("id").asLong();
        List<LoggedRequest> slack = Poll.until(Duration.ofSeconds(20), () -> receiver.findAll(postRequestedFor(urlEqualTo("/slack/T000/B000/xyz"))),
                r -> r.size() >= 2);
        assertThat(slack.getLast().getBodyAsString()).contains("\"text\":\"*#").contains("|open in Chartroom>").contains("/change-requests/");
        List<String> sent = jdbc.sql("select t.name || ' ' || d.title from notification_delivery d join notification_target t on t.id = d.target_id")
                .query(String.class).list();
        assertThat(sent).as("the webhook wants dev only").noneMatch(s -> s.startsWith("ops-hook #" + production + " "));
        assertThat(sent).as("nothing for another team's target").noneMatch(s -> s.startsWith("slack-platform"));
        for (long id : new long[] {dev, production}) {
            api.post("/api/v1/change-requests/" + id + "/close", Auth.user("developer"), Map.of());
        }
    }

    @Test
    void aFailingTargetIsRetriedWithBackOffThenMarkedFailedInTheLog() {
        ApiClient.Response added = api.post("/api/v1/notifications/targets", Auth.user("admin"), Map.of("name", "broken-hook", "kind", "WEBHOOK",
                "url", receiver.baseUrl() + "/broken", "events", List.of("CHANGE_REQUEST_OPENED")));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long target = added.json().get("id").asLong();
        assertThat(api.post("/api/v1/notifications/targets/" + target + "/test", Auth.user("admin"), Map.of()).status()).isEqualTo(202);
        JsonNode failed = Poll.until(Duration.ofSeconds(30), () -> api.get("/api/v1/notifications/deliveries", Auth.user("admin")).json().valueStream()
                .filter(d -> d.get("targetName").asString().equals("broken-hook")).findFirst().orElse(null),
                d -> d != null && d.get("status").asString().equals("FAILED"));
        assertThat(failed.get("attempts").asInt()).isEqualTo(5);
        assertThat(failed.get("lastResponse").asInt()).isEqualTo(500);
        assertThat(failed.get("lastError").asString()).contains("answered 500: internal error");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/broken")))).hasSize(5);
        assertThat(api.get("/api/v1/notifications/deliveries", Auth.user("developer")).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/notifications/targets/" + target, Auth.user("admin")).status()).isEqualTo(204);
    }

    @Test
    void driftFoundAndHealedOnASimulatedClusterIsTold() {
        receiver.stubFor(post(urlEqualTo("/hooks/drift")).willReturn(ok()));
        assertThat(api.post("/api/v1/notifications/targets", Auth.user("admin"), Map.of("name", "drift-hook", "kind", "WEBHOOK",
                "url", receiver.baseUrl() + "/hooks/drift", "events", List.of("DRIFT_HEALED", "DRIFT_DETECTED", "UNIT_FAILED"),
                "environments", List.of("dev"))).status()).isEqualTo(201);
        long id = changes.propose(Auth.user("developer"), ChangeRequests.release("notify-drift", "replicaCount: 2\n", Map.of("dev", "")), null)
                .get("id").asLong();
        changes.approve(id, "approver");
        assertThat(api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of()).status()).isEqualTo(200);
        try (var dev = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(simulated.server("sim-dev").orElseThrow().config()).build()) {
            Poll.until(Duration.ofSeconds(60), () -> dev.apps().deployments().inNamespace("shop").withName("notify-drift").get(), d -> d != null);
            dev.apps().deployments().inNamespace("shop").withName("notify-drift")
                    .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                            "{\"spec\":{\"replicas\":5}}");
        }
        LoggedRequest told = Poll.until(Duration.ofSeconds(60), () -> receiver.findAll(postRequestedFor(urlEqualTo("/hooks/drift"))), r -> !r.isEmpty())
                .getFirst();
        JsonNode payload = ApiClient.JSON.readTree(told.getBodyAsString());
        assertThat(payload.get("event").asString()).isIn("drift.healed", "drift.detected");
        assertThat(payload.get("title").asString()).contains("notify-drift").contains("sim-dev").contains("spec.replicas");
        assertThat(payload.get("team").asString()).isEqualTo("payments");
        assertThat(payload.get("cluster").asString()).isEqualTo("sim-dev");
        long removal = api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("remove", "notify-drift")).json().get("id").asLong();
        api.post("/api/v1/change-requests/" + removal + "/merge", Auth.user("admin"), Map.of("overrideReason", "test cleanup"));
    }

    @Test
    void badTargetsAreRefusedFieldByField() {
        ApiClient.Response bad = api.post("/api/v1/notifications/targets", Auth.user("admin"), Map.of("name", "Bad Name", "kind", "SLACK",
                "url", "ftp://x", "secret", "short", "events", List.of(), "environments", List.of("a,b")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("name").contains("url").contains("secret").contains("events").contains("environments");
    }

    private static String hmac(String secret, String text) {
        return io.chartroom.base.crypto.HmacSha256.hex(secret, text);
    }
}
