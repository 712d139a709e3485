package io.chartroom.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20, items 2 and 7: the import report over the API, templates run in the render workers. Chartroom's own
 * layout is a helmfile repository: read back as helmfile reads it, it holds the sample releases in their environments.
 */
@IntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class HelmfileImportTest {

    @LocalServerPort int port;
    @org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void chartroomsOwnRepositoryReadsBackAsHelmfileReadsIt() {
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        long id = changes.propose(Auth.user("developer"), ChangeRequests.release("read-back", "replicaCount: 3\n", java.util.Map.of("dev", "")), null)
                .get("id").asLong();
        changes.approve(id, "approver");
        assertThat(api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), java.util.Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/imports/helmfile", Auth.user("viewer"), java.util.Map.of()).status()).isEqualTo(403);
        ApiClient.Response answer = api.post("/api/v1/imports/helmfile", Auth.user("developer"), java.util.Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.path("problems").valueStream().filter(p -> p.path("kind").asString().equals("ERROR")).toList())
                .as(report.path("problems").toString()).isEmpty();
        assertThat(report.path("readable").asBoolean()).isTrue();
        assertThat(report.path("environments").valueStream().map(e -> e.path("name").asString()).toList()).contains("dev", "production");
        JsonNode release = report.path("releases").valueStream().filter(r -> r.path("name").asString().equals("read-back")).findFirst().orElseThrow();
        assertThat(release.path("environment").asString()).isEqualTo("dev");
        assertThat(release.path("namespace").asString()).isEqualTo("shop");
        assertThat(release.path("chart").asString()).endsWith("web-service");
        assertThat(release.path("version").asString()).isEqualTo("1.2.0");
        assertThat(release.path("valueCount").asInt()).isEqualTo(1);
        assertThat(release.has("values")).as("values are counted, never shown").isFalse();
        JsonNode proposed = report.path("proposed").valueStream().filter(r -> r.path("name").asString().equals("read-back")).findFirst().orElseThrow();
        assertThat(proposed.path("repository").asString()).isEqualTo("chartroom-samples");
        assertThat(proposed.path("chart").asString()).isEqualTo("web-service");
        assertThat(proposed.path("environments").toString()).isEqualTo("[\"dev\"]");
        assertThat(proposed.path("versions").path("dev").asString()).isEqualTo("1.2.0");
        // issue 20, item 4a: one value changed in the release's own values file, one line, nothing written
        String mainBefore = report.path("commit").asString();
        java.util.Map<String, Object> edit = new java.util.HashMap<>(java.util.Map.of("release", "read-back", "environment", "dev",
                "path", java.util.List.of("replicaCount"), "value", 5));
        assertThat(api.post("/api/v1/imports/helmfile/value-edits", Auth.user("viewer"), edit).status()).isEqualTo(403);
        ApiClient.Response preview = api.post("/api/v1/imports/helmfile/value-edits", Auth.user("developer"), edit);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("file").asString()).endsWith("read-back.yaml");
        assertThat(preview.json().path("diff").asString()).contains("\n-replicaCount: 3\n+replicaCount: 5\n").doesNotContain(" replicaCount");
        edit.put("path", java.util.List.of("auth", "password"));
        edit.put("value", "hunter2");
        ApiClient.Response secret = api.post("/api/v1/imports/helmfile/value-edits", Auth.user("developer"), edit);
        assertThat(secret.status()).isEqualTo(400);
        assertThat(secret.body()).contains("give a reference").doesNotContain("hunter2");
        edit.put("release", "nowhere");
        edit.put("value", "ref+awsssm://shop/db");
        assertThat(api.post("/api/v1/imports/helmfile/value-edits", Auth.user("developer"), edit).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/imports/helmfile", Auth.user("developer"), java.util.Map.of()).json().path("commit").asString())
                .as("main is where it was").isEqualTo(mainBefore);
        long removal = api.post("/api/v1/change-requests", Auth.user("developer"), java.util.Map.of("remove", "read-back")).json().get("id").asLong();
        api.post("/api/v1/change-requests/" + removal + "/merge", Auth.user("admin"), java.util.Map.of("overrideReason", "test cleanup"));
    }

    /** Issue 20, item 7: a repository read from a Git URL (here Chartroom's own, over its Git HTTP with a token), and URLs refused. */
    @Test
    void aRepositoryIsReadFromAGitUrlAndUrlsThatReachInsideAreRefused(org.springframework.boot.test.system.CapturedOutput output) {
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        String token = api.post("/api/v1/tokens", Auth.user("admin"), java.util.Map.of("name", "url-read", "days", 1)).json().get("token").asString();
        String url = "http://127.0.0.1:" + port + "/git/gitops.git";
        assertThat(api.post("/api/v1/imports/helmfile", Auth.user("developer"), java.util.Map.of("url", url)).status())
                .as("the portal fetches what the URL names: an ADMIN's").isEqualTo(403);
        ApiClient.Response read = api.post("/api/v1/imports/helmfile", Auth.user("admin"),
                java.util.Map.of("url", url, "username", "admin", "password", token));
        assertThat(read.status()).as(() -> read.body() + serverError(output)).isEqualTo(200);
        JsonNode main = api.post("/api/v1/imports/helmfile", Auth.user("admin"), java.util.Map.of()).json();
        assertThat(read.json().path("commit").asString()).as("main's commit, fetched").isEqualTo(main.path("commit").asString());
        assertThat(read.json().path("environments")).as("read the same as main").isEqualTo(main.path("environments"));
        assertThat(read.json().path("problems")).isEqualTo(main.path("problems"));
        assertThat(read.json().path("proposed")).isEqualTo(main.path("proposed"));
        assertThat(read.body()).doesNotContain(token);
        ApiClient.Response unauthorized = api.post("/api/v1/imports/helmfile", Auth.user("admin"), java.util.Map.of("url", url));
        assertThat(unauthorized.status()).isEqualTo(400);
        assertThat(unauthorized.body()).contains("could not fetch");
        for (String[] refused : new String[][] {{"file:///etc", "only http and https"}, {"http://169.254.169.254/latest", "link-local"},
                {"http://admin:pw@127.0.0.1:" + port + "/git/gitops.git", "no user name or password"},
                // java.net.URI reads the host as good.example, JGit as 169.254.169.254: such a URL is not taken at all
                {"http://good.example#@169.254.169.254/latest", "a plain http(s) URL"}, {"http://good.example?@169.254.169.254/", "no query"}}) {
            ApiClient.Response answer = api.post("/api/v1/imports/helmfile", Auth.user("admin"), java.util.Map.of("url", refused[0]));
            assertThat(answer.status()).as(refused[0]).isEqualTo(400);
            assertThat(answer.body()).as(refused[0]).contains(refused[1]);
        }
        // a name that resolves elsewhere by the time Git connects (DNS rebinding): the check runs again at every connection
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.chartroom.gitops.service.ForeignFetch.fetch(java.net.URI.create(url), null,
                        "admin", token, java.nio.file.Files.createTempDirectory("rebinding"), 1 << 20, 10, 1 << 20, u -> {
                            checks.incrementAndGet();
                            throw new IllegalStateException(u.getHost() + " now resolves to 169.254.169.254");
                        }))
                .isInstanceOf(io.chartroom.gitops.service.ForeignFetch.FetchFailed.class).hasMessageContaining("now resolves to 169.254.169.254");
        assertThat(checks.get()).as("checked when Git opened its connection").isPositive();
        String audited = jdbc.sql("select details::text from audit_event where action = 'helmfile.url_read' and outcome = 'SUCCESS'")
                .query(String.class).single();
        assertThat(audited).contains("commit").doesNotContain(token);
    }

    /** The server's log of an unexpected error (a 500 says only "see the server log"), so that a failure shows its cause. */
    private static String serverError(org.springframework.boot.test.system.CapturedOutput output) {
        String all = output.getAll();
        int at = all.lastIndexOf("Unexpected API error");
        return at < 0 ? "" : "\n" + all.substring(at, Math.min(all.length(), at + 4000));
    }
}
