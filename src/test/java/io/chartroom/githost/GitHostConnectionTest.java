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
    void aGitHubAppIsCheckedByMintingATokenWithItsSignedRequestAndItsKeyIsKeptLikeAToken() throws Exception {
        java.security.KeyPair keys = io.chartroom.fixtures.GitHubAppKeys.generate();
        String pem = io.chartroom.fixtures.GitHubAppKeys.pkcs1Pem(keys);
        String appToken = "ghs_installationToken0123456789";
        Map<String, String> permissions = new java.util.HashMap<>(io.chartroom.fixtures.GitHostStubs.appPermissionsNeeded());
        permissions.put("statuses", "read");
        new io.chartroom.fixtures.GitHostStubs("GITHUB", host, appToken).appInstallation(77, java.time.Instant.now().plusSeconds(3600), permissions);
        // an installation token's repository answer has no user permissions
        host.stubFor(get(urlEqualTo("/repos/acme/gitops")).withHeader("Authorization", equalTo("Bearer " + appToken))
                .willReturn(okJson("{\"full_name\": \"acme/gitops\", \"default_branch\": \"main\"}")));
        host.stubFor(get(urlEqualTo("/repos/acme/gitops/branches/main")).withHeader("Authorization", equalTo("Bearer " + appToken))
                .willReturn(okJson("{\"name\": \"main\", \"protected\": true}")));
        Map<String, Object> draft = Map.of("kind", "GITHUB", "apiUrl", host.baseUrl(), "repository", "acme/gitops",
                "app", Map.of("appId", "123456", "installationId", 77, "privateKey", pem));

        ApiClient.Response tested = api.post("/api/v1/git-host/test", Auth.user("admin"), draft);
        assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        assertThat(tested.body()).contains("GitHub App 123456 (installation 77) got a token for acme/gitops")
                .contains("grants statuses: read; Chartroom needs write").contains("Branch protection on main: on").doesNotContain(appToken);
        assertThat(tested.json().path("usable").asBoolean(true)).isFalse();
        var mint = host.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/app/installations/77/access_tokens")));
        assertThat(mint).hasSize(1);
        io.chartroom.fixtures.GitHubAppKeys.assertAppJwt(mint.getFirst().getHeader("Authorization"), keys, "123456");
        io.chartroom.fixtures.GitHubContract.assertRequestsValid(host);

        // saved: the app is shown, its key never; sealed at rest; audited without it
        ApiClient.Response saved = api.put("/api/v1/git-host", Auth.user("admin"), draft);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode seen = api.get("/api/v1/git-host", Auth.user("viewer")).json();
        assertThat(seen.path("app").path("appId").asString()).isEqualTo("123456");
        assertThat(seen.path("app").path("installationId").asLong()).isEqualTo(77);
        assertThat(seen.toString()).doesNotContain("PRIVATE KEY");
        byte[] sealed = jdbc.sql("select token from git_host").query(byte[].class).single();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY").doesNotContain(pem.substring(40, 80));
        String audit = Poll.until(Duration.ofSeconds(10), () -> jdbc.sql("select coalesce(string_agg(details::text, ' | '), '') "
                + "from audit_event where action = 'git_host.saved'").query(String.class).single(), a -> a.contains("GitHub App 123456"));
        assertThat(audit).contains("\"privateKey\":\"replaced\"").doesNotContain(pem.substring(40, 80));

        // the stored key stands in for an empty one for the same app; not for another app, and not for a token
        Map<String, Object> keep = Map.of("kind", "GITHUB", "apiUrl", host.baseUrl(), "repository", "acme/gitops",
                "app", Map.of("appId", "123456", "installationId", 77));
        assertThat(api.post("/api/v1/git-host/test", Auth.user("admin"), keep).body()).contains("got a token");
        ApiClient.Response otherApp = api.put("/api/v1/git-host", Auth.user("admin"), Map.of("kind", "GITHUB", "apiUrl", host.baseUrl(),
                "repository", "acme/gitops", "app", Map.of("appId", "999", "installationId", 77)));
        assertThat(otherApp.status()).isEqualTo(400);
        assertThat(otherApp.body()).contains("app.privateKey");
        ApiClient.Response toToken = api.put("/api/v1/git-host", Auth.user("admin"), Map.of("kind", "GITHUB", "apiUrl", host.baseUrl(),
                "repository", "acme/gitops"));
        assertThat(toToken.status()).isEqualTo(400);
        assertThat(toToken.body()).contains("token");
    }

    @Test
    void aGitHubAppThatGitHubRefusesOrThatIsNotWholeSaysWhatToFix() {
        String pem = io.chartroom.fixtures.GitHubAppKeys.pkcs1Pem(io.chartroom.fixtures.GitHubAppKeys.generate());
        host.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/app/installations/5/access_tokens"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"A JSON web token could not be decoded\"}")));
        host.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/app/installations/6/access_tokens"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{\"message\": \"Not Found\"}")));
        assertThat(appTest(5, pem).body()).contains("refused the app's signed request").contains("App ID").contains("private key");
        assertThat(appTest(6, pem).body()).contains("knows no installation 6 of app 123").contains("install the app on acme");

        ApiClient.Response notWhole = api.post("/api/v1/git-host/test", Auth.user("admin"), Map.of("kind", "GITLAB", "apiUrl", host.baseUrl(),
                "repository", "acme/gitops", "token", TOKEN, "app", Map.of("appId", "x y", "privateKey", "-----BEGIN NOTHING-----")));
        assertThat(notWhole.status()).isEqualTo(400);
        assertThat(notWhole.body()).contains("GitHub only").contains("not both").contains("app.appId").contains("app.installationId")
                .contains("not a private key in PEM form");
    }

    private ApiClient.Response appTest(long installation, String pem) {
        ApiClient.Response answer = api.post("/api/v1/git-host/test", Auth.user("admin"), Map.of("kind", "GITHUB", "apiUrl", host.baseUrl(),
                "repository", "acme/gitops", "app", Map.of("appId", "123", "installationId", installation, "privateKey", pem)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("usable").asBoolean(true)).isFalse();
        return answer;
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
