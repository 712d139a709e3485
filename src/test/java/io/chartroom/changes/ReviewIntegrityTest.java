package io.chartroom.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
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
 * Two-person review cannot be bypassed by editing someone else's change request, and a review never shows a
 * Secret's values, only that a key was added, removed or changed.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewIntegrityTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired io.chartroom.changes.domain.ChangeRequestRepository repository;
    ApiClient api;
    ChangeRequests changes;

    @BeforeAll
    void client() {
        api = new ApiClient(port);
        changes = new ChangeRequests(api);
        changes.awaitSamples();
    }

    @Test
    void whoeverAuthoredACommitCannotApproveAndProductionNeedsTwoOthers() {
        JsonNode cr = changes.propose(Auth.user("developer"), ChangeRequests.release("integrity-web", "",
                Map.of("dev", "", "production", "")), null);
        long id = cr.get("id").asLong();

        // an APPROVER of the owning team slips an image in, then tries to approve their own commit
        ApiClient.Response edit = api.put("/api/v1/change-requests/" + id, Auth.user("approver"), Map.of("release",
                ChangeRequests.release("integrity-web", "image:\n  repository: evil.example/miner\n", Map.of("dev", "", "production", "")),
                "editing", "integrity-web"));
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        ApiClient.Response selfApproval = api.post("/api/v1/change-requests/" + id + "/approve", Auth.user("approver"), Map.of());
        assertThat(selfApproval.status()).isEqualTo(403);
        assertThat(selfApproval.json().get("detail").asString()).isEqualTo("approver authored a commit on change request #" + id
                + " and so cannot approve it");

        // another team's member may not add commits at all
        ApiClient.Response foreign = api.put("/api/v1/change-requests/" + id, Auth.user("approver2"), Map.of("release",
                ChangeRequests.release("integrity-web", "replicaCount: 3\n", Map.of("dev", "", "production", "")), "editing", "integrity-web"));
        assertThat(foreign.status()).isEqualTo(403);

        JsonNode details = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json();
        assertThat(details.get("commitAuthors").valueStream().map(JsonNode::asString)).containsExactly("developer", "approver");
        assertThat(details.get("whoMayCommit").asString()).contains("team payments and ADMINs").contains("cannot approve");

        // production's two approvals must come from two people other than every commit author
        changes.approve(id, "approver2");
        details = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json();
        assertThat(details.get("policyMet").asBoolean()).isFalse();
        assertThat(details.get("missing").toString()).contains("production: 1 more approval");
        ApiClient.Response early = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        assertThat(early.status()).isEqualTo(409);
        changes.approve(id, "admin");
        assertThat(api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json().get("policyMet").asBoolean()).isTrue();
    }

    @Test
    void aSecretsValuesNeverShowInTheReviewOnlyThatTheyChanged() {
        JsonNode cr = changes.propose(Auth.user("developer"), ChangeRequests.release("integrity-db",
                "database:\n  password: hunter2-very-secret\n", Map.of("dev", "")), null);
        long id = cr.get("id").asLong();
        JsonNode secret = secretObject(api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json());
        assertThat(secret.get("status").asString()).isEqualTo("ADDED");
        assertThat(secret.get("diff").asString()).contains("password: <hidden:").doesNotContain("hunter2");
        changes.approve(id, "approver");
        assertThat(api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of()).status()).isEqualTo(200);

        // a new password: the Secret changed, and the diff says which key, not what it holds
        JsonNode rotate = changes.propose(Auth.user("developer"), ChangeRequests.release("integrity-db",
                "database:\n  password: another-secret-value\n", Map.of("dev", "")), "integrity-db");
        JsonNode details = api.get("/api/v1/change-requests/" + rotate.get("id").asLong(), Auth.user("viewer")).json();
        secret = secretObject(details);
        assertThat(secret.get("status").asString()).isEqualTo("CHANGED");
        assertThat(secret.get("diff").asString()).containsPattern("(?m)^-\\s+password: <hidden:[0-9a-f]{8}>$")
                .containsPattern("(?m)^\\+\\s+password: <hidden:[0-9a-f]{8}>$");
        String rendered = details.get("environments").get(0).get("targets").toString();
        assertThat(rendered).doesNotContain("hunter2").doesNotContain("another-secret-value")
                .doesNotContain("YW5vdGhlci1zZWNyZXQtdmFsdWU"); // nor its base64
        String stored = jdbc.sql("select (review->'environments'->0->'targets')::text from change_request where id = ?").param(rotate.get("id").asLong())
                .query(String.class).single();
        assertThat(stored).as("the stored review holds no rendered secret either").doesNotContain("hunter2");
        api.post("/api/v1/change-requests/" + rotate.get("id").asLong() + "/close", Auth.user("developer"), Map.of());

        // the same password and another change: the Secret is unchanged
        JsonNode other = changes.propose(Auth.user("developer"), ChangeRequests.release("integrity-db",
                "database:\n  password: hunter2-very-secret\nreplicaCount: 2\n", Map.of("dev", "")), "integrity-db");
        assertThat(secretObject(api.get("/api/v1/change-requests/" + other.get("id").asLong(), Auth.user("viewer")).json())
                .get("status").asString()).isEqualTo("UNCHANGED");
    }

    @Test
    void everyTabSharesOneParsedReviewUntilTheReviewChanges() {
        long id = changes.propose(Auth.user("developer"), ChangeRequests.release("integrity-shared", "replicaCount: 2\n", Map.of("dev", "")), null)
                .get("id").asLong();
        var first = repository.review(id).orElseThrow();
        assertThat(repository.review(id).orElseThrow()).as("read again while unchanged").isSameAs(first);
        jdbc.sql("update change_request set review = jsonb_set(review, '{headCommit}', '\"changed\"') where id = ?").param(id).update();
        var changed = repository.review(id).orElseThrow();
        assertThat(changed).isNotSameAs(first);
        assertThat(changed.headCommit()).isEqualTo("changed");
        api.post("/api/v1/change-requests/" + id + "/close", Auth.user("developer"), Map.of());
    }

    private static JsonNode secretObject(JsonNode details) {
        List<JsonNode> secrets = details.get("environments").get(0).get("targets").get(0).get("objects").valueStream()
                .filter(o -> o.get("kind").asString().equals("Secret")).toList();
        assertThat(secrets).hasSize(1);
        return secrets.getFirst();
    }
}
