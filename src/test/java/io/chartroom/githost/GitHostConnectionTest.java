package io.chartroom.githost;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18, item 1: one Git host per installation, its token sealed at rest and never shown or audited, and a
 * connection test per kind that says what the token may do and what is missing, against stubs of each host's API
 * that answer only requests carrying that host's authentication headers.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitHostConnectionTest {

    static final String TOKEN = "ghp_secretTokenValue0123456789";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    ApiClient api;
    WireMockServer host;

    @BeforeAll
    void start() {
        api = new ApiClient(port);
        host = new WireMockServer(options().dynamicPort());
        host.start();
    }

    @AfterAll
    void stop() {
        host.stop();
        jdbc.sql("delete from git_host").update();
    }

    @BeforeEach
    void reset() {
        host.resetAll();
        jdbc.sql("delete from git_host").update();
    }

    @Test
    void onlyAdminsSetTheHostAndItsTokenIsNeverShownStoredInClearOrAudited() {
        assertThat(api.get("/api/v1/git-host", Auth.user("viewer")).status()).as("nothing configured").isEqualTo(404);
        Map<String, Object> draft = Map.of("kind", "GITHUB", "apiUrl", host.baseUrl(), "repository", "acme/gitops", "token", TOKEN);
        assertThat(api.put("/api/v1/git-host", Auth.user("developer"), draft).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/git-host/test", Auth.user("developer"), draft).status()).isEqualTo(403);

        ApiClient.Response invalid = api.put("/api/v1/git-host", Auth.user("admin"),
                Map.of("kind", "GITHUB", "apiUrl", "ftp://x", "repository", "no-slash"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("apiUrl").contains("repository").contains("token");

        assertThat(api.put("/api/v1/git-host", Auth.user("admin"), draft).status()).isEqualTo(200);
        ApiClient.Response seen = api.get("/api/v1/git-host", Auth.user("viewer"));
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().get("repository").asString()).isEqualTo("acme/gitops");
        assertThat(seen.body()).doesNotContain(TOKEN);
        byte[] sealed = jdbc.sql("select token from git_host").query(byte[].class).single();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);

        // a change without a token keeps the stored one: the test still authenticates with it
        assertThat(api.put("/api/v1/git-host", Auth.user("admin"), Map.of("kind", "GITHUB", "apiUrl", host.baseUrl(),
                "repository", "acme/gitops", "token", "")).status()).isEqualTo(200);
        stubGitHub(true, "repo", true);
        JsonNode report = api.post("/api/v1/git-host/test", Auth.user("admin"),
                Map.of("kind", "GITHUB", "apiUrl", host.baseUrl(), "repository", "acme/gitops")).json();
        assertThat(levels(report)).doesNotContain("MISSING");
        host.verify(getRequestedFor(urlEqualTo("/repos/acme/gitops")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));

        String audit = Poll.until(Duration.ofSeconds(10), () -> jdbc.sql("select coalesce(string_agg(action || ' ' || details::text, ' | '), '') "
                + "from audit_event where action like 'git_host.%'").query(String.class).single(), a -> a.contains("git_host.saved"));
        assertThat(audit).doesNotContain(TOKEN).contains("\"token\":\"replaced\"").contains("\"token\":\"kept\"");
        // the stored token goes only where it was given for: another API URL needs it again, and http only to this machine
        ApiClient.Response elsewhere = api.put("/api/v1/git-host", Auth.user("admin"), Map.of("kind", "GITHUB",
                "apiUrl", "https://collector.example", "repository", "acme/gitops", "token", ""));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("token");
        assertThat(api.post("/api/v1/git-host/test", Auth.user("admin"), Map.of("kind", "GITHUB", "apiUrl", "https://collector.example",
                "repository", "acme/gitops")).status()).as("no test with the stored token elsewhere").isEqualTo(400);
        assertThat(api.put("/api/v1/git-host", Auth.user("admin"), Map.of("kind", "GITHUB", "apiUrl", "http://github.example",
                "repository", "acme/gitops", "token", TOKEN)).body()).contains("https");
        assertThat(api.delete("/api/v1/git-host", Auth.user("admin")).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/git-host", Auth.user("viewer")).status()).isEqualTo(404);
    }

    @Test
    void gitHubSaysWhatTheTokenMayDoAndWhatIsMissing() {
        stubGitHub(true, "repo, read:org", true);
        JsonNode good = test("GITHUB", "acme/gitops");
        assertThat(good.path("findings").toString()).contains("may push branches").contains("Classic token scopes: repo, read:org")
                .contains("Branch protection on main: on");
        assertThat(levels(good)).containsOnly("OK");
        host.verify(getRequestedFor(urlEqualTo("/repos/acme/gitops")).withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("Accept", equalTo("application/vnd.github+json")));

        host.resetAll();
        stubGitHub(false, "read:org", false);
        JsonNode poor = test("GITHUB", "acme/gitops");
        assertThat(poor.path("findings").toString()).contains("may not push").contains("lacks the repo scope (it has: read:org)")
                .contains("main is not protected");
        assertThat(levels(poor)).contains("MISSING", "WARNING");
        io.chartroom.fixtures.GitHubContract.assertRequestsValid(host);
    }

    @Test
    void gitLabReadsTheRoleTheScopesAndProtectedBranchesOfANestedProject() {
        host.stubFor(get(urlEqualTo("/projects/platform%2Fteam%2Fgitops")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .willReturn(okJson("{\"id\": 7, \"default_branch\": \"main\", \"permissions\": {\"project_access\": {\"access_level\": 30}, \"group_access\": null}}")));
        host.stubFor(get(urlEqualTo("/personal_access_tokens/self")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .willReturn(okJson("{\"id\": 3, \"scopes\": [\"read_api\", \"write_repository\"], \"active\": true}")));
        host.stubFor(get(urlEqualTo("/projects/platform%2Fteam%2Fgitops/protected_branches/main")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{\"message\": \"404 Not found\"}")));
        JsonNode report = test("GITLAB", "platform/team/gitops");
        assertThat(report.path("findings").toString()).contains("access level 30").contains("lacks the api scope (it has: read_api, write_repository)")
                .contains("main is not protected");
        assertThat(report.path("usable").asBoolean(true)).isFalse();
    }

    @Test
    void giteaReadsPushRightsAndBranchProtectionRules() {
        host.stubFor(get(urlEqualTo("/repos/acme/gitops")).withHeader("Authorization", equalTo("token " + TOKEN))
                .willReturn(okJson("{\"full_name\": \"acme/gitops\", \"default_branch\": \"main\", \"permissions\": {\"admin\": false, \"push\": true, \"pull\": true}}")));
        host.stubFor(get(urlEqualTo("/repos/acme/gitops/branch_protections")).withHeader("Authorization", equalTo("token " + TOKEN))
                .willReturn(okJson("[{\"branch_name\": \"main\", \"rule_name\": \"main\", \"required_approvals\": 1}]")));
        JsonNode report = test("GITEA", "acme/gitops");
        assertThat(levels(report)).containsOnly("OK");
        assertThat(report.path("usable").asBoolean(false)).isTrue();
    }

    @Test
    void aRefusedTokenAWrongUrlAndAnUnreachableHostAreFindingsNotErrors() {
        host.stubFor(get(urlEqualTo("/repos/acme/gitops")).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Bad credentials\"}")));
        assertThat(test("GITHUB", "acme/gitops").path("findings").toString()).contains("does not accept the token (401)");

        host.resetAll();
        host.stubFor(get(urlEqualTo("/repos/acme/gitops")).willReturn(aResponse().withStatus(200).withBody("<html>sign in</html>")));
        assertThat(test("GITEA", "acme/gitops").path("findings").toString()).contains("is not JSON").contains("API URL");

        int closed = host.port();
        host.stop();
        try {
            JsonNode report = api.post("/api/v1/git-host/test", Auth.user("admin"), Map.of("kind", "GITLAB",
                    "apiUrl", "http://localhost:" + closed, "repository", "a/b", "token", TOKEN)).json();
            assertThat(report.path("findings").toString()).contains("cannot reach");
            assertThat(report.path("usable").asBoolean(true)).isFalse();
        } finally {
            host.start();
        }
    }

    private JsonNode test(String kind, String repository) {
        ApiClient.Response answer = api.post("/api/v1/git-host/test", Auth.user("admin"),
                Map.of("kind", kind, "apiUrl", host.baseUrl(), "repository", repository, "token", TOKEN));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(TOKEN);
        return answer.json();
    }

    private void stubGitHub(boolean push, String scopes, boolean protectedMain) {
        host.stubFor(get(urlEqualTo("/repos/acme/gitops")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"full_name\": \"acme/gitops\", \"default_branch\": \"main\", \"permissions\": {\"admin\": false, \"push\": "
                        + push + ", \"pull\": true}}").withHeader("X-OAuth-Scopes", scopes)));
        host.stubFor(get(urlEqualTo("/repos/acme/gitops/branches/main")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"name\": \"main\", \"protected\": " + protectedMain + "}")));
    }

    private static List<String> levels(JsonNode report) {
        return report.path("findings").valueStream().map(f -> f.path("level").asString()).toList();
    }
}
