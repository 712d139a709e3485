package io.chartroom.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ApiAuthenticationTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void meReturnsTheCallerWithImpliedRolesAndTeams() {
        JsonNode me = api.get("/api/v1/me", Auth.user("approver")).json();
        assertThat(me.get("username").asString()).isEqualTo("approver");
        assertThat(me.get("displayName").asString()).isEqualTo("Alex Approver");
        assertThat(me.get("roles").valueStream().map(JsonNode::asString)).containsExactly("VIEWER", "DEVELOPER", "APPROVER");
        assertThat(me.get("teams").valueStream().map(JsonNode::asString)).containsExactly("payments");
    }

    @Test
    void missingOrWrongCredentialsGiveProblemJson401AndAFailedLoginIsAudited() {
        ApiClient.Response anonymous = api.get("/api/v1/me", Auth.none());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().get("status").asInt()).isEqualTo(401);
        assertThat(anonymous.json().get("instance").asString()).isEqualTo("/api/v1/me");

        ApiClient.Response wrong = api.get("/api/v1/me", Auth.basic("viewer", "not-the-password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail").asString()).contains("Bad credentials");
        List<Map<String, Object>> failures = jdbc.sql("""
                select actor, outcome, details from audit_event
                where action = 'auth.login' and actor = 'viewer' and outcome = 'FAILURE'""").query().listOfRows();
        assertThat(failures).hasSize(1);
        assertThat(failures.getFirst().get("details").toString()).contains("Bad credentials").doesNotContain("not-the-password");
    }

    @Test
    void aTokenIsShownOnceWorksAsBearerAndIsRefusedAfterRevocation() {
        ApiClient.Response created = api.post("/api/v1/tokens", Auth.user("developer"), Map.of("name", "ci pipeline", "days", 30));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().get("token").asString();
        long id = created.json().get("metadata").get("id").asLong();
        assertThat(secret).startsWith("crp_").hasSizeGreaterThan(40);

        assertThat(api.get("/api/v1/me", Auth.bearer(secret)).json().get("username").asString()).isEqualTo("developer");
        // listing never shows the secret again
        assertThat(api.get("/api/v1/tokens", Auth.bearer(secret)).body()).contains("ci pipeline").doesNotContain(secret);

        assertThat(api.delete("/api/v1/tokens/" + id, Auth.user("developer")).status()).isEqualTo(204);
        ApiClient.Response refused = api.get("/api/v1/me", Auth.bearer(secret));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("unknown, expired or revoked");

        assertThat(jdbc.sql("select count(*) from audit_event where action = 'token.created' and target = ?")
                .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'token.revoked' and target = ? and actor = 'developer'")
                .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
        // no secret ever enters the audit log, not even from the failed bearer authentication
        assertThat(jdbc.sql("select count(*) from audit_event where details like ? or actor like ? or target like ?")
                .params("%" + secret.substring(10) + "%", "%" + secret.substring(10) + "%", "%" + secret.substring(10) + "%")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = convert_to(?, 'UTF8')").param(secret)
                .query(Long.class).single()).as("only a hash is stored").isZero();
    }

    @Test
    void errorsAreProblemDocumentsThatSayWhatAndWhere() {
        ApiClient.Response invalid = api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", " "));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.json().get("errors").get(0).get("location").asString()).isEqualTo("name");

        assertThat(api.delete("/api/v1/tokens/999999", Auth.user("viewer")).status()).isEqualTo(404);

        long adminToken = api.post("/api/v1/tokens", Auth.user("admin"), Map.of("name", "admin's")).json()
                .get("metadata").get("id").asLong();
        ApiClient.Response forbidden = api.delete("/api/v1/tokens/" + adminToken, Auth.user("developer2"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(forbidden.json().get("detail").asString()).contains("belongs to another user");

        ApiClient.Response malformed = api.post("/api/v1/tokens", Auth.user("viewer"), "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }
}
