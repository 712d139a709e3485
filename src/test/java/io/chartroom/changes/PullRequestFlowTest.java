package io.chartroom.changes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.GitHttpRemote;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18, item 2: with a Git host configured, a change request opens a pull/merge request there: its branch pushed
 * over Git's smart HTTP with the host's user and token, the pull request created, one comment with Chartroom's
 * review edited in place on each new commit, a commit status per environment, and closed with the change request.
 * Each host kind against a stub of its REST API that answers only requests with its own authentication header.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PullRequestFlowTest {

    static final String TOKEN = "host-token-0123456789abcdef";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    ApiClient api;
    ChangeRequests changes;
    WireMockServer host;

    @BeforeAll
    void start() {
        api = new ApiClient(port);
        changes = new ChangeRequests(api);
        changes.awaitSamples();
        host = new WireMockServer(options().dynamicPort());
        host.start();
    }

    @AfterEach
    void noHost() {
        jdbc.sql("delete from git_host").update();
        host.resetAll();
    }

    @AfterAll
    void stop() {
        host.stop();
    }

    @Test
    void gitHubGetsThePullRequestItsReviewCommentStatusesAndTheClose() throws Exception {
        try (GitHttpRemote remote = new GitHttpRemote("acme/gitops", "x-access-token", TOKEN)) {
            host.stubFor(gitHub(get(urlEqualTo("/repos/acme/gitops"))).willReturn(okJson(
                    "{\"default_branch\": \"main\", \"clone_url\": \"" + remote.cloneUrl() + "\", \"permissions\": {\"push\": true}}")));
            host.stubFor(gitHub(post(urlEqualTo("/repos/acme/gitops/pulls"))).willReturn(created("{\"number\": 42, \"html_url\": \"https://github.example/acme/gitops/pull/42\"}")));
            host.stubFor(gitHub(post(urlEqualTo("/repos/acme/gitops/issues/42/comments"))).willReturn(created("{\"id\": 9001}")));
            host.stubFor(gitHub(patch(urlEqualTo("/repos/acme/gitops/issues/comments/9001"))).willReturn(okJson("{\"id\": 9001}")));
            host.stubFor(gitHub(post(urlPathMatching("/repos/acme/gitops/statuses/[0-9a-f]{40}"))).willReturn(created("{\"id\": 1}")));
            host.stubFor(gitHub(patch(urlEqualTo("/repos/acme/gitops/pulls/42"))).willReturn(okJson("{\"number\": 42, \"state\": \"closed\"}")));
            configure("GITHUB");

            long id = changes.propose(Auth.user("developer"), ChangeRequests.release("pr-github", "replicaCount: 2\n", Map.of("dev", "")), null)
                    .get("id").asLong();
            String head = awaitPublished(id, null);
            assertThat(remote.repository().exactRef("refs/heads/cr/" + id).getObjectId().name()).as("the branch pushed to the host").isEqualTo(head);
            LoggedRequest opened = single(postRequestedFor(urlEqualTo("/repos/acme/gitops/pulls")));
            assertThat(opened.getBodyAsString()).contains("\"head\":\"cr/" + id + "\"").contains("\"base\":\"main\"").contains("pr-github");
            LoggedRequest comment = single(postRequestedFor(urlEqualTo("/repos/acme/gitops/issues/42/comments")));
            assertThat(comment.getBodyAsString()).contains("Chartroom review").contains("#### dev").contains("replicaCount").contains("Approvals");
            LoggedRequest status = single(postRequestedFor(urlEqualTo("/repos/acme/gitops/statuses/" + head)));
            assertThat(status.getBodyAsString()).contains("\"context\":\"chartroom/render dev\"").contains("\"state\":\"success\"")
                    .contains("/change-requests/" + id);
            assertThat(api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json().path("pullRequest").path("url").asString())
                    .isEqualTo("https://github.example/acme/gitops/pull/42");

            // a new commit: the branch moves on the host, the same comment is edited, a status for the new head
            ApiClient.Response amended = api.put("/api/v1/change-requests/" + id, Auth.user("developer"),
                    Map.of("release", ChangeRequests.release("pr-github", "replicaCount: 3\n", Map.of("dev", ""))));
            assertThat(amended.status()).as(amended.body()).isEqualTo(200);
            String newHead = awaitPublished(id, head);
            assertThat(remote.repository().exactRef("refs/heads/cr/" + id).getObjectId().name()).isEqualTo(newHead);
            assertThat(single(patchRequestedFor(urlEqualTo("/repos/acme/gitops/issues/comments/9001"))).getBodyAsString()).contains("replicaCount: 3");
            assertThat(host.findAll(postRequestedFor(urlEqualTo("/repos/acme/gitops/issues/42/comments")))).as("one comment, edited in place").hasSize(1);
            assertThat(host.findAll(postRequestedFor(urlEqualTo("/repos/acme/gitops/pulls")))).as("one pull request").hasSize(1);
            single(postRequestedFor(urlEqualTo("/repos/acme/gitops/statuses/" + newHead)));

            assertThat(api.post("/api/v1/change-requests/" + id + "/close", Auth.user("developer"), Map.of()).status()).isEqualTo(200);
            Poll.until(Duration.ofSeconds(20), () -> host.findAll(patchRequestedFor(urlEqualTo("/repos/acme/gitops/pulls/42"))), r -> !r.isEmpty());
            assertThat(single(patchRequestedFor(urlEqualTo("/repos/acme/gitops/pulls/42"))).getBodyAsString()).contains("\"state\":\"closed\"");
            assertThat(host.findUnmatchedRequests().getRequests()).as("every request carried GitHub's headers and the token").isEmpty();
            io.chartroom.fixtures.GitHubContract.assertRequestsValid(host);
        }
    }

    @Test
    void gitLabGetsAMergeRequestWithItsNoteAndPipelineStatus() throws Exception {
        try (GitHttpRemote remote = new GitHttpRemote("platform/gitops", "oauth2", TOKEN)) {
            String project = "/projects/platform%2Fgitops";
            host.stubFor(gitLab(get(urlEqualTo(project))).willReturn(okJson(
                    "{\"id\": 7, \"default_branch\": \"main\", \"http_url_to_repo\": \"" + remote.cloneUrl() + "\"}")));
            host.stubFor(gitLab(post(urlEqualTo(project + "/merge_requests"))).willReturn(created("{\"iid\": 5, \"web_url\": \"https://gitlab.example/platform/gitops/-/merge_requests/5\"}")));
            host.stubFor(gitLab(post(urlEqualTo(project + "/merge_requests/5/notes"))).willReturn(created("{\"id\": 77}")));
            host.stubFor(gitLab(post(urlPathMatching(project + "/statuses/[0-9a-f]{40}"))).willReturn(created("{\"id\": 1}")));
            host.stubFor(gitLab(put(urlEqualTo(project + "/merge_requests/5"))).willReturn(okJson("{\"iid\": 5, \"state\": \"closed\"}")));
            configure("GITLAB");

            long id = changes.propose(Auth.user("developer"), ChangeRequests.release("pr-gitlab", "replicaCount: 2\n", Map.of("dev", "")), null)
                    .get("id").asLong();
            String head = awaitPublished(id, null);
            assertThat(remote.repository().exactRef("refs/heads/cr/" + id).getObjectId().name()).isEqualTo(head);
            assertThat(single(postRequestedFor(urlEqualTo(project + "/merge_requests"))).getBodyAsString())
                    .contains("\"source_branch\":\"cr/" + id + "\"").contains("\"target_branch\":\"main\"");
            assertThat(single(postRequestedFor(urlEqualTo(project + "/merge_requests/5/notes"))).getBodyAsString()).contains("Chartroom review");
            assertThat(single(postRequestedFor(urlEqualTo(project + "/statuses/" + head))).getBodyAsString())
                    .contains("\"name\":\"chartroom/render dev\"").contains("\"state\":\"success\"");
            api.post("/api/v1/change-requests/" + id + "/close", Auth.user("developer"), Map.of());
            Poll.until(Duration.ofSeconds(20), () -> host.findAll(putRequestedFor(urlEqualTo(project + "/merge_requests/5"))), r -> !r.isEmpty());
            assertThat(single(putRequestedFor(urlEqualTo(project + "/merge_requests/5"))).getBodyAsString()).contains("\"state_event\":\"close\"");
            assertThat(host.findUnmatchedRequests().getRequests()).isEmpty();
        }
    }

    @Test
    void giteaGetsThePullRequestItsStatusAndTheClose() throws Exception {
        try (GitHttpRemote remote = new GitHttpRemote("acme/gitops", "chartroom", TOKEN)) {
            host.stubFor(gitea(get(urlEqualTo("/repos/acme/gitops"))).willReturn(okJson(
                    "{\"default_branch\": \"main\", \"clone_url\": \"" + remote.cloneUrl() + "\", \"permissions\": {\"push\": true}}")));
            host.stubFor(gitea(post(urlEqualTo("/repos/acme/gitops/pulls"))).willReturn(created("{\"number\": 3, \"html_url\": \"https://gitea.example/acme/gitops/pulls/3\"}")));
            host.stubFor(gitea(post(urlEqualTo("/repos/acme/gitops/issues/3/comments"))).willReturn(created("{\"id\": 12}")));
            host.stubFor(gitea(post(urlPathMatching("/repos/acme/gitops/statuses/[0-9a-f]{40}"))).willReturn(created("{\"id\": 1}")));
            host.stubFor(gitea(patch(urlEqualTo("/repos/acme/gitops/pulls/3"))).willReturn(okJson("{\"number\": 3, \"state\": \"closed\"}")));
            configure("GITEA");

            long id = changes.propose(Auth.user("developer"), ChangeRequests.release("pr-gitea", "replicaCount: 2\n", Map.of("dev", "")), null)
                    .get("id").asLong();
            String head = awaitPublished(id, null);
            assertThat(remote.repository().exactRef("refs/heads/cr/" + id).getObjectId().name()).isEqualTo(head);
            single(postRequestedFor(urlEqualTo("/repos/acme/gitops/pulls")));
            assertThat(single(postRequestedFor(urlEqualTo("/repos/acme/gitops/statuses/" + head))).getBodyAsString()).contains("chartroom/render dev");
            api.post("/api/v1/change-requests/" + id + "/close", Auth.user("developer"), Map.of());
            Poll.until(Duration.ofSeconds(20), () -> host.findAll(patchRequestedFor(urlEqualTo("/repos/acme/gitops/pulls/3"))), r -> !r.isEmpty());
            assertThat(host.findUnmatchedRequests().getRequests()).isEmpty();
        }
    }

    @Test
    void aHostThatRefusesIsRetriedThenRecordedAndTheChangeRequestStands() {
        host.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody("{\"message\": \"down\"}")));
        configure("GITHUB");
        long id = changes.propose(Auth.user("developer"), ChangeRequests.release("pr-down", "replicaCount: 2\n", Map.of("dev", "")), null)
                .get("id").asLong();
        String audit = Poll.until(Duration.ofSeconds(30), () -> jdbc.sql("select coalesce(string_agg(details::text, ' | '), '') from audit_event "
                + "where action = 'pull_request.failed' and target = ?").param(String.valueOf(id)).query(String.class).single(), a -> !a.isEmpty());
        assertThat(audit).contains("503").contains("\"step\":\"publish\"").doesNotContain(TOKEN);
        assertThat(host.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/repos/acme/gitops"))))
                // the publish: tried once and retried three times; the poll of the host's main (every minute) may add one
                .as("tried once and retried three times, then recorded once").hasSizeBetween(4, 5);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'pull_request.failed' and target = ?").param(String.valueOf(id))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).status()).isEqualTo(200);
        api.post("/api/v1/change-requests/" + id + "/close", Auth.user("developer"), Map.of());
    }

    private void configure(String kind) {
        String repository = kind.equals("GITLAB") ? "platform/gitops" : "acme/gitops";
        ApiClient.Response saved = api.put("/api/v1/git-host", Auth.user("admin"),
                Map.of("kind", kind, "apiUrl", host.baseUrl(), "repository", repository, "token", TOKEN));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    /** The head whose review the host shows once it moved past {@code previous}. */
    private String awaitPublished(long id, String previous) {
        return Poll.until(Duration.ofSeconds(30), () -> jdbc.sql("select coalesce(published_head, '') from pull_request where change_request_id = ?")
                .param(id).query(String.class).optional().orElse(""), head -> !head.isEmpty() && !head.equals(previous));
    }

    private LoggedRequest single(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> found = host.findAll(pattern);
        assertThat(found).as(pattern.build().toString()).hasSize(1);
        return found.getFirst();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String json) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(json);
    }

    private static MappingBuilder gitHub(MappingBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + TOKEN)).withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"));
    }

    private static MappingBuilder gitLab(MappingBuilder request) {
        return request.withHeader("PRIVATE-TOKEN", equalTo(TOKEN));
    }

    private static MappingBuilder gitea(MappingBuilder request) {
        return request.withHeader("Authorization", equalTo("token " + TOKEN));
    }
}
