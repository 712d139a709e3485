package io.chartroom.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.AsUser;
import io.chartroom.fixtures.GitRefs;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.settings.domain.Setting;
import io.chartroom.settings.service.RuntimeSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The API answers bad input with RFC 9457 problems that name the field, and refuses what would hurt: unknown
 * fields, unknown paths, values nested without end, titles that smuggle trailers into commit messages, override
 * reasons without words, removing what releases use. Pages carry security headers; the development login needs
 * its CSRF token.
 */
@IntegrationTest
class ApiHardeningTest {

    static final Auth DEVELOPER = Auth.user("developer");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired GitOpsRepository gitops;
    @Autowired RuntimeSettings settings;
    @Autowired ObjectProvider<SecurityContextHolderStrategy> security;

    @Test
    void badBodiesAreProblemsNamingTheField() {
        ApiClient api = new ApiClient(port);
        long before = changeRequests();

        ApiClient.Response noTeam = api.post("/api/v1/change-requests", DEVELOPER, Map.of("release", Map.of()));
        assertThat(noTeam.status()).isEqualTo(400);
        assertThat(noTeam.contentType()).startsWith("application/problem+json");
        assertThat(noTeam.json().get("errors").get(0).get("location").asString()).isEqualTo("team");

        ApiClient.Response unknown = api.post("/api/v1/change-requests", DEVELOPER, Map.of("release", Map.of("team", "payments"), "sneaky", 1));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).startsWith("sneaky: unknown field 'sneaky'");

        ApiClient.Response wrongType = api.post("/api/v1/change-requests", DEVELOPER, "{\"release\": {\"environments\": 5}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").get(0).get("location").asString()).isEqualTo("release.environments");

        ApiClient.Response badEnum = api.post("/api/v1/change-requests/1/merge", Auth.user("approver"), Map.of("method", "REBASE"));
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.json().get("detail").asString()).isEqualTo("method: 'REBASE' is not one of [MERGE, SQUASH]");

        ApiClient.Response notJson = api.post("/api/v1/change-requests", DEVELOPER, "{not json");
        assertThat(notJson.status()).isEqualTo(400);

        ApiClient.Response nowhere = api.get("/api/v1/no/such/thing", Auth.user("viewer"));
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.contentType()).startsWith("application/problem+json");
        assertThat(nowhere.json().get("detail").asString()).startsWith("no API resource at GET /api/v1/no/such/thing");
        ApiClient.Response wrongMethod = api.delete("/api/v1/me", Auth.user("viewer"));
        assertThat(wrongMethod.status()).as("the path exists, the method does not").isEqualTo(405);
        assertThat(changeRequests()).isEqualTo(before);
    }

    @Test
    void valuesNestedWithoutEndAndOverlongOrMultiLineTitlesAreRefused() {
        ApiClient api = new ApiClient(port);
        long before = changeRequests();
        String deep = "a:\n" + "  ".repeat(1) + "b: [".repeat(5000) + "]".repeat(5000) + "\n";
        Map<String, Object> release = ChangeRequests.release("hardening-deep", deep, Map.of("dev", ""));
        ApiClient.Response nested = api.post("/api/v1/releases/validate", DEVELOPER, release);
        assertThat(nested.status()).as(nested.body()).isIn(200, 400);
        assertThat(nested.body()).contains("nested deeper than 100 levels");
        ApiClient.Response proposed = api.post("/api/v1/change-requests", DEVELOPER, Map.of("release", release));
        assertThat(proposed.status()).isEqualTo(400);
        ApiClient.Response kubeconfig = api.post("/api/v1/clusters", Auth.user("admin"), Map.of("name", "hardening-deep", "kind", "KUBECONFIG",
                "kubeconfig", "apiVersion: v1\nclusters: " + "[".repeat(5000) + "]".repeat(5000) + "\n", "context", "x"));
        assertThat(kubeconfig.status()).as(kubeconfig.body()).isEqualTo(400);
        assertThat(kubeconfig.json().get("detail").asString()).isEqualTo("kubeconfig:2: nested deeper than 100 levels; Chartroom reads at most 100");
        assertThat(api.get("/api/v1/clusters/hardening-deep", Auth.user("viewer")).status()).isEqualTo(404);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("release", ChangeRequests.release("hardening-title", "", Map.of("dev", "")));
        body.put("title", "Harmless\n\nSigned-off-by: The Boss <boss@example.com>");
        ApiClient.Response trailer = api.post("/api/v1/change-requests", DEVELOPER, body);
        assertThat(trailer.status()).isEqualTo(400);
        assertThat(trailer.json().get("detail").asString()).isEqualTo("title: must be one line, without line breaks or control characters");
        body.put("title", "x".repeat(201));
        assertThat(api.post("/api/v1/change-requests", DEVELOPER, body).json().get("detail").asString())
                .isEqualTo("title: holds at most 200 characters, not 201");
        assertThat(changeRequests()).isEqualTo(before);
    }

    /** Each text a person writes has its limit: exceeded, a 400 naming the field, and nothing stored, no branch written. */
    @Test
    void descriptionsMessagesAndEnvironmentDescriptionsHaveLimits() {
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        long before = changeRequests();
        Map<String, String> branches = GitRefs.branches(port);
        String mainEnvironments = gitops.read(gitops.main(), "environments.yaml").orElseThrow();

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("release", ChangeRequests.release("hardening-limits", "", Map.of("dev", "")));
        body.put("description", "d".repeat(20_001));
        assertRefused(api.post("/api/v1/change-requests", DEVELOPER, body), "description", "holds at most 20,000 characters, not 20,001");
        body.put("description", "d".repeat(20_000));
        body.put("message", "m".repeat(5_001));
        assertRefused(api.post("/api/v1/change-requests", DEVELOPER, body), "message", "holds at most 5,000 characters, not 5,001");
        assertThat(changeRequests()).isEqualTo(before);
        assertThat(GitRefs.branches(port)).as("no branch written").isEqualTo(branches);

        // at the limits both are taken; a new commit with too long a description is not
        body.put("message", "m".repeat(5_000));
        ApiClient.Response opened = api.post("/api/v1/change-requests", DEVELOPER, body);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long id = opened.json().get("id").asLong();
        String head = opened.json().get("headCommit").asString();
        Map<String, Object> amend = new LinkedHashMap<>(Map.of("release", ChangeRequests.release("hardening-limits", "replicaCount: 2\n",
                Map.of("dev", "")), "editing", "hardening-limits", "description", "d".repeat(20_001)));
        assertRefused(api.put("/api/v1/change-requests/" + id, DEVELOPER, amend), "description", "holds at most 20,000 characters, not 20,001");
        assertThat(api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json().get("changeRequest").get("headCommit").asString())
                .isEqualTo(head);
        assertThat(GitRefs.branches(port)).containsEntry("refs/heads/cr/" + id, head);
        api.post("/api/v1/change-requests/" + id + "/close", DEVELOPER, Map.of());

        Map<String, Object> environment = new LinkedHashMap<>(Map.of("name", "hardening-limits", "clusterSelector", "env=nowhere",
                "kubeVersion", "1.31", "description", "e".repeat(501)));
        assertRefused(api.post("/api/v1/environments", Auth.user("admin"), environment), "description", "holds at most 500 characters, not 501");
        assertThat(api.get("/api/v1/environments/hardening-limits", Auth.user("viewer")).status()).isEqualTo(404);
        assertThat(gitops.read(gitops.main(), "environments.yaml")).contains(mainEnvironments);
        environment.put("description", "e".repeat(500));
        Environments.create(api, environment);
        Environments.remove(api, "hardening-limits");
    }

    /**
     * Right after a merge, before the reconciler made any unit (here: while it is paused), main's releases already
     * ask for the clusters their environments select: such a cluster is not removed, the release named.
     */
    @Test
    void aClusterMainsReleasesAreDeployedToIsNotRemovedBeforeTheyRunThere() {
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        Auth admin = Auth.user("admin");
        assertThat(api.post("/api/v1/clusters", admin, Map.of("name", "guarded", "kind", "TOKEN", "apiUrl", "https://127.0.0.1:1",
                "token", "guarded-token", "labels", Map.of("env", "guarded"))).status()).isEqualTo(201);
        assertThat(jdbc.sql("select credentials from cluster where name = 'guarded'").query(String.class).single())
                .as("encrypted at rest").isNotBlank().doesNotContain("guarded-token");
        assertThat(api.get("/api/v1/clusters/guarded", admin).body()).doesNotContain("guarded-token");
        Environments.create(api, Map.of("name", "guarded", "clusterSelector", "env=guarded", "kubeVersion", "1.31"));
        pause(true);
        try {
            long id = changes.propose(DEVELOPER, ChangeRequests.release("guarded-web", "", Map.of("guarded", "")), null).get("id").asLong();
            ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", admin, Map.of("overrideReason", "guard test"));
            assertThat(merged.status()).as(merged.body()).isEqualTo(200);
            assertThat(api.get("/api/v1/clusters/guarded/units", Auth.user("viewer")).json().size()).as("no unit yet").isZero();

            ApiClient.Response refused = api.delete("/api/v1/clusters/guarded", admin);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("detail").asString()).startsWith("cluster guarded is still used by release guarded-web in guarded; ");
            assertThat(api.get("/api/v1/clusters/guarded", Auth.user("viewer")).status()).isEqualTo(200);

            // once the environment selects another cluster, nothing asks for this one
            Environments.update(api, "guarded", Map.of("clusterSelector", "env=nowhere"));
            assertThat(api.delete("/api/v1/clusters/guarded", admin).status()).isEqualTo(204);
        } finally {
            pause(false);
        }
    }

    @Test
    void anOverrideNeedsAReasonInWordsAndWhatReleasesUseIsNotRemoved() {
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        long id = changes.propose(DEVELOPER, ChangeRequests.release("hardening-used", "", Map.of("dev", "")), null).get("id").asLong();
        ApiClient.Response invisible = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("admin"),
                Map.of("overrideReason", "\u200b\u200b \u00a0"));
        assertThat(invisible.status()).isEqualTo(400);
        assertThat(invisible.json().get("errors").get(0).get("location").asString()).isEqualTo("overrideReason");
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("admin"),
                Map.of("overrideReason", "hot fix, reviewed on the phone"));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);

        long samples = api.get("/api/v1/repositories", Auth.user("admin")).json().valueStream()
                .filter(r -> r.get("name").asString().equals("chartroom-samples")).findFirst().orElseThrow().get("id").asLong();
        ApiClient.Response repository = api.delete("/api/v1/repositories/" + samples, Auth.user("admin"));
        assertThat(repository.status()).isEqualTo(409);
        assertThat(repository.json().get("detail").asString()).startsWith("repository chartroom-samples is still used by ")
                .contains("release hardening-used");

        Poll.until(Duration.ofSeconds(60), () -> api.get("/api/v1/clusters/sim-dev/units", Auth.user("viewer")).body(),
                units -> units.contains("hardening-used"));
        ApiClient.Response cluster = api.delete("/api/v1/clusters/sim-dev", Auth.user("admin"));
        assertThat(cluster.status()).isEqualTo(409);
        assertThat(cluster.json().get("detail").asString()).startsWith("cluster sim-dev is still used by ").contains("release hardening-used");
        assertThat(api.get("/api/v1/clusters/sim-dev", Auth.user("viewer")).status()).isEqualTo(200);
    }

    @Test
    void pagesCarrySecurityHeadersAndTheDevelopmentLoginNeedsItsCsrfToken() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).as(page.statusCode() + " " + page.headers().map())
                .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=")
                .containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly"));

        // another site's form posting the sample user's credentials, without the page's token: refused
        String session = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow().split(";")[0];
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID="));
    }

    private static void assertRefused(ApiClient.Response answer, String field, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("location").asString()).isEqualTo(field);
        assertThat(answer.json().get("detail").asString()).isEqualTo(field + ": " + message);
    }

    private void pause(boolean paused) {
        new AsUser(security).call("admin", () -> {
            settings.set(Setting.RECONCILE_PAUSED, String.valueOf(paused));
            return null;
        });
    }

    private long changeRequests() {
        return jdbc.sql("select count(*) from change_request").query(Long.class).single();
    }
}
