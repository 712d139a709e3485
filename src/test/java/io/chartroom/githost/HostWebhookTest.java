package io.chartroom.githost;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.GitHttpRemote;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.HostTransfer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.chartroom.fixtures.GitHostStubs;
import tools.jackson.databind.JsonNode;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18, items 3 and 4: webhooks from the Git host are acted on only when signed with the shared secret (a
 * wrong or missing signature is refused and audited, a replayed delivery is answered but not acted on), and a pull
 * request merged on the host merges its change request: main is fetched from the host and the reconciler applies it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostWebhookTest {

    static final String TOKEN = "host-token-for-webhooks-0123";
    static final String SECRET = "the-webhook-secret-shared-with-the-host";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired GitOpsRepository gitops;
    @Autowired HostTransfer transfer;
    ApiClient api;
    ChangeRequests changes;
    WireMockServer host;
    final HttpClient http = HttpClient.newHttpClient();

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
    void onlySignedFirstDeliveriesAreActedOnAndRefusalsAreAudited() throws Exception {
        configure("GITHUB", "acme/gitops");
        String ping = "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1}";
        String delivery = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", delivery, "X-Hub-Signature-256", "sha256=" + hmac("wrong-secret-0000000000", ping));
        HttpResponse<String> forged = send(ping, headers);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("does not match");
        // a flood of forged deliveries: each refused, the audit log told at most once a second with how many
        for (int i = 0; i < 30; i++) {
            assertThat(send(ping, headers).statusCode()).isEqualTo(401);
        }
        String refused = Poll.until(Duration.ofSeconds(10), () -> {
            try {
                assertThat(send(ping, Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", delivery)).statusCode()).as("unsigned").isEqualTo(401);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return jdbc.sql("select coalesce(string_agg(outcome || ' ' || details::text, ' | '), '') from audit_event "
                    + "where action = 'git_host.webhook_refused'").query(String.class).single();
        }, a -> a.contains("no X-Hub-Signature-256"));
        assertThat(refused).contains("DENIED").contains("does not match the webhook secret").doesNotContain(SECRET);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'git_host.webhook_refused'").query(Long.class).single())
                .as("not one row per forged delivery").isLessThan(10);
        assertThat(jdbc.sql("select max((details::jsonb->>'refusedBefore')::int) from audit_event where action = 'git_host.webhook_refused'")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(25);

        Map<String, String> signed = Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", delivery, "X-Hub-Signature-256", "sha256=" + hmac(SECRET, ping));
        HttpResponse<String> first = send(ping, signed);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).contains("ignored");
        assertThat(send(ping, signed).body()).as("the same delivery again: a replay").contains("duplicate");
        assertThat(send(ping + " ", signed).statusCode()).as("a changed body under an old signature").isEqualTo(401);
    }

    @Test
    void gitLabChecksItsTokenHeader() throws Exception {
        configure("GITLAB", "platform/gitops");
        String push = "{\"object_kind\": \"push\", \"ref\": \"refs/heads/feature\", \"after\": \"" + "a".repeat(40) + "\"}";
        assertThat(send(push, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Event-UUID", UUID.randomUUID().toString(), "X-Gitlab-Token", "nope"))
                .statusCode()).isEqualTo(401);
        HttpResponse<String> ok = send(push, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Event-UUID", UUID.randomUUID().toString(),
                "X-Gitlab-Token", SECRET));
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(ok.body()).as("another branch than main").contains("ignored");
    }

    /** GITHUB_APP: GitHub, with Chartroom signed in as a GitHub App whose installation token is {@link #TOKEN}. */
    @ParameterizedTest
    @ValueSource(strings = {"GITHUB", "GITLAB", "GITEA", "GITHUB_APP"})
    void aPullRequestMergedOnTheHostMergesTheChangeRequestAndReachesTheReconciler(String variant) throws Exception {
        boolean app = variant.equals("GITHUB_APP");
        String kind = app ? "GITHUB" : variant;
        long number = app ? 8 : 7; // a pull request number is the repository's: the GitHub variant had 7
        GitHostStubs stubs = new GitHostStubs(kind, host, TOKEN);
        java.security.KeyPair appKeys = io.chartroom.fixtures.GitHubAppKeys.generate();
        try (GitHttpRemote remote = new GitHttpRemote(stubs.repository(), stubs.pushUser(), TOKEN)) {
            stubs.pullRequest(remote, number, 70);
            Map<String, Object> draft = new java.util.HashMap<>(Map.of("kind", kind, "apiUrl", host.baseUrl(), "repository", stubs.repository(),
                    "webhookSecret", SECRET, "countHostReviews", true));
            if (app) {
                stubs.appInstallation(31, java.time.Instant.now().plus(Duration.ofHours(1)), GitHostStubs.appPermissionsNeeded());
                draft.put("app", Map.of("appId", "Iv23liChartroomTest", "installationId", 31, "privateKey",
                        io.chartroom.fixtures.GitHubAppKeys.pkcs1Pem(appKeys)));
            } else {
                draft.put("token", TOKEN);
            }
            ApiClient.Response saved = api.put("/api/v1/git-host", Auth.user("admin"), draft);
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            transfer.push(remote.cloneUrl(), stubs.pushUser(), TOKEN, GitOpsRepository.MAIN); // the host has Chartroom's main
            assertThat(api.post("/api/v1/tokens", Auth.user("approver"), Map.of("name", "host-flow-" + kind)).status()).isEqualTo(201);
            String release = "hooked-" + variant.toLowerCase().replace('_', '-');

            long id = changes.propose(Auth.user("developer"), ChangeRequests.release(release, "replicaCount: 2\n", Map.of("dev", "")), null)
                    .get("id").asLong();
            Poll.until(Duration.ofSeconds(30), () -> jdbc.sql("select coalesce(published_head, '') from pull_request where change_request_id = ?")
                    .param(id).query(String.class).optional().orElse(""), h -> !h.isEmpty());
            assertThat(host.findAll(postRequestedFor(urlEqualTo(stubs.comments(number)))).getFirst().getBodyAsString())
                    .as("the review comment shows the rendered diff").contains("Chartroom review").contains("Deployment").contains("replicas: 2");

            // a reviewer approves on the host: it counts as theirs here
            String head = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json().path("changeRequest").path("headCommit").asString();
            var approval = stubs.approved(number, head, "approver", SECRET);
            assertThat(send(approval.getKey(), approval.getValue()).statusCode()).isEqualTo(202);
            Poll.until(Duration.ofSeconds(30), () -> api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json().path("policyMet").asBoolean(),
                    met -> met);

            // and merges the pull request on the host: a merge commit of main and the branch, there
            String merge = mergeOnHost(remote.repository(), "refs/heads/cr/" + id, "Merge pull request #" + number + " from cr/" + id);
            var delivery = stubs.merged(number, merge, "approver", SECRET);
            HttpResponse<String> answer = send(delivery.getKey(), delivery.getValue());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);

            JsonNode merged = Poll.until(Duration.ofSeconds(30), () -> api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json(),
                    d -> d.path("changeRequest").path("state").asString().equals("MERGED"));
            assertThat(merged.path("changeRequest").path("mergeCommit").asString()).isEqualTo(merge);
            assertThat(merged.path("conversation").toString()).contains("merged on the Git host");
            assertThat(gitops.main()).as("main is the host's merge").isEqualTo(merge);
            if (kind.equals("GITHUB")) {
                io.chartroom.fixtures.GitHubContract.assertRequestsValid(host);
            }
            if (app) { // one token for the whole flow: pushed with, commented with, merged with
                var mints = host.findAll(postRequestedFor(urlEqualTo("/app/installations/31/access_tokens")));
                assertThat(mints).hasSize(1);
                io.chartroom.fixtures.GitHubAppKeys.assertAppJwt(mints.getFirst().getHeader("Authorization"), appKeys, "Iv23liChartroomTest");
            }
            Poll.until(Duration.ofSeconds(60), () -> api.get("/api/v1/releases/" + release + "/status", Auth.user("viewer")).json().valueStream()
                    .anyMatch(u -> u.path("revision").asString().equals(merge) && u.path("sync").asString().equals("SYNCED")), ok -> ok);

            jdbc.sql("delete from git_host").update(); // the clean-up merges in Chartroom alone
            long removal = api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("remove", release)).json().get("id").asLong();
            api.post("/api/v1/change-requests/" + removal + "/merge", Auth.user("admin"), Map.of("overrideReason", "test cleanup"));
        }
    }

    @Test
    void mergingInChartroomMergesOnTheHostWhoseProtectionMayRefuse() throws Exception {
        GitHostStubs stubs = new GitHostStubs("GITHUB", host, TOKEN);
        try (GitHttpRemote remote = new GitHttpRemote(stubs.repository(), stubs.pushUser(), TOKEN)) {
            stubs.pullRequest(remote, 11, 110);
            configure("GITHUB", stubs.repository());
            transfer.push(remote.cloneUrl(), stubs.pushUser(), TOKEN, GitOpsRepository.MAIN);
            long id = changes.propose(Auth.user("developer"), ChangeRequests.release("host-merged", "replicaCount: 2\n", Map.of("dev", "")), null)
                    .get("id").asLong();
            String head = Poll.until(Duration.ofSeconds(30), () -> jdbc.sql("select coalesce(published_head, '') from pull_request where change_request_id = ?")
                    .param(id).query(String.class).optional().orElse(""), h -> !h.isEmpty());
            changes.approve(id, "approver");
            String mainBefore = gitops.main();

            // the host's branch protection refuses: nothing merges anywhere, and the user is told why
            host.stubFor(put(urlEqualTo("/repos/acme/gitops/pulls/11/merge")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .willReturn(aResponse().withStatus(405).withHeader("Content-Type", "application/json")
                            .withBody("{\"message\": \"Required status check \\\"ci\\\" is expected.\"}")));
            ApiClient.Response refused = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("the Git host refused to merge pull request 11").contains("Required status check");
            assertThat(gitops.main()).isEqualTo(mainBefore);
            assertThat(api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json().path("changeRequest").path("state").asString()).isEqualTo("OPEN");

            // the host merges: Chartroom's main becomes the host's merge, recorded as the approver's merge
            String merge = mergeOnHost(remote.repository(), "refs/heads/cr/" + id, "Merge change request #" + id);
            host.stubFor(put(urlEqualTo("/repos/acme/gitops/pulls/11/merge")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .willReturn(okJson("{\"sha\": \"" + merge + "\", \"merged\": true, \"message\": \"Pull Request successfully merged\"}")));
            ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
            assertThat(merged.status()).as(merged.body()).isEqualTo(200);
            assertThat(gitops.main()).isEqualTo(merge);
            assertThat(host.findAll(putRequestedFor(urlEqualTo("/repos/acme/gitops/pulls/11/merge"))).getLast().getBodyAsString())
                    .contains("\"sha\":\"" + head + "\"").contains("\"merge_method\":\"merge\"");
            JsonNode details = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json();
            assertThat(details.path("changeRequest").path("mergeCommit").asString()).isEqualTo(merge);
            assertThat(details.path("conversation").toString()).contains("merge on the Git host");
            io.chartroom.fixtures.GitHubContract.assertRequestsValid(host);

            jdbc.sql("delete from git_host").update();
            long removal = api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("remove", "host-merged")).json().get("id").asLong();
            api.post("/api/v1/change-requests/" + removal + "/merge", Auth.user("admin"), Map.of("overrideReason", "test cleanup"));
        }
    }

    @Test
    void aPullRequestOpenedByHandOnTheHostBecomesAChangeRequestWhenItReadsBackStrictly() throws Exception {
        // a release on main first, merged in Chartroom alone
        long created = changes.propose(Auth.user("developer"), ChangeRequests.release("handmade-web", "replicaCount: 2\n", Map.of("dev", "")), null)
                .get("id").asLong();
        changes.approve(created, "approver");
        assertThat(api.post("/api/v1/change-requests/" + created + "/merge", Auth.user("approver"), Map.of()).status()).isEqualTo(200);

        GitHostStubs stubs = new GitHostStubs("GITHUB", host, TOKEN);
        try (GitHttpRemote remote = new GitHttpRemote(stubs.repository(), stubs.pushUser(), TOKEN)) {
            stubs.pullRequest(remote, 21, 210).pullRequest(remote, 22, 220);
            configure("GITHUB", stubs.repository());
            transfer.push(remote.cloneUrl(), stubs.pushUser(), TOKEN, GitOpsRepository.MAIN);

            // someone scales the release by hand on a branch of the host, and opens a pull request
            String head = commitOnHost(remote.repository(), "feature/scale-handmade", "releases/handmade-web/values/handmade-web.yaml",
                    "replicaCount: 4\n", "Scale handmade-web to 4");
            String opened = pullRequestOpened(21, "feature/scale-handmade", head, "Scale handmade-web to 4", "developer");
            assertThat(send(opened, stubs.signed("pull_request", opened, SECRET)).statusCode()).isEqualTo(202);
            long id = Poll.until(Duration.ofSeconds(30), () -> jdbc.sql("select coalesce(max(change_request_id), 0) from pull_request where number = 21")
                    .query(Long.class).single(), n -> n > 0);
            JsonNode cr = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json();
            assertThat(cr.path("changeRequest").path("title").asString()).isEqualTo("Scale handmade-web to 4");
            assertThat(cr.path("changeRequest").path("kind").asString()).isEqualTo("UPDATE");
            assertThat(cr.path("changeRequest").path("release").asString()).isEqualTo("handmade-web");
            assertThat(cr.path("changeRequest").path("headCommit").asString()).isEqualTo(head);
            assertThat(cr.path("changeRequest").path("author").asString()).isEqualTo("developer");
            assertThat(cr.path("environments").toString()).as("its rendered diff").contains("replicas: 4");
            assertThat(cr.path("checksPass").asBoolean()).isTrue();
            Poll.until(Duration.ofSeconds(30), () -> host.findAll(postRequestedFor(urlEqualTo(stubs.comments(21)))), r -> !r.isEmpty());
            assertThat(host.findAll(postRequestedFor(urlEqualTo(stubs.pulls())))).as("no second pull request").isEmpty();
            assertThat(remote.repository().exactRef("refs/heads/cr/" + id)).as("the branch is the host's: nothing pushed").isNull();

            // a new commit that also touches another release changes what the change request is about: refused, the head stays
            String sneaky = commitOnBranch(remote.repository(), "feature/scale-handmade", "releases/other-web/values/other-web.yaml",
                    "replicaCount: 9\n", "And another release");
            String pushed = pullRequestEvent("synchronize", 21, "feature/scale-handmade", sneaky, "Scale handmade-web to 4", "mallory", "acme/gitops");
            assertThat(send(pushed, stubs.signed("pull_request", pushed, SECRET)).statusCode()).isEqualTo(202);
            Poll.until(Duration.ofSeconds(30), () -> host.findAll(postRequestedFor(urlEqualTo(stubs.comments(21)))).stream()
                    .anyMatch(r -> r.getBodyAsString().contains("cannot take this pull request")), found -> found);
            assertThat(api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json().path("changeRequest").path("headCommit").asString())
                    .isEqualTo(head);

            // a pull request from a fork is not taken
            String fork = pullRequestEvent("opened", 23, "feature/readme", head, "From a fork", "outsider", "outsider/gitops");
            host.stubFor(post(urlEqualTo(stubs.comments(23))).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody("{\"id\": 230}")));
            assertThat(send(fork, stubs.signed("pull_request", fork, SECRET)).statusCode()).isEqualTo(202);
            assertThat(Poll.until(Duration.ofSeconds(30), () -> host.findAll(postRequestedFor(urlEqualTo(stubs.comments(23)))), r -> !r.isEmpty())
                    .getFirst().getBodyAsString()).contains("it comes from a fork");

            // a pull request that changes files outside Chartroom's layout is told why, on the host
            String other = commitOnHost(remote.repository(), "feature/readme", "README.md", "# Ours now\n", "Rewrite the README");
            String refused = pullRequestOpened(22, "feature/readme", other, "Rewrite the README", "developer");
            assertThat(send(refused, stubs.signed("pull_request", refused, SECRET)).statusCode()).isEqualTo(202);
            String told = Poll.until(Duration.ofSeconds(30), () -> host.findAll(postRequestedFor(urlEqualTo(stubs.comments(22)))), r -> !r.isEmpty())
                    .getFirst().getBodyAsString();
            assertThat(told).contains("cannot take this pull request as a change request").contains("outside releases/ and environments.yaml: README.md");
            assertThat(jdbc.sql("select count(*) from pull_request where number = 22").query(Long.class).single()).isZero();
            io.chartroom.fixtures.GitHubContract.assertRequestsValid(host);

            jdbc.sql("delete from git_host").update();
            api.post("/api/v1/change-requests/" + id + "/close", Auth.user("developer"), Map.of());
            long removal = api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("remove", "handmade-web")).json().get("id").asLong();
            api.post("/api/v1/change-requests/" + removal + "/merge", Auth.user("admin"), Map.of("overrideReason", "test cleanup"));
        }
    }

    /** A commit on top of an existing branch of the host's repository: one file written. */
    private static String commitOnBranch(Repository repo, String branch, String path, String text, String message) throws Exception {
        java.nio.file.Path work = java.nio.file.Files.createTempDirectory("host-work");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.cloneRepository().setURI(repo.getDirectory().toURI().toString())
                .setDirectory(work.toFile()).setBranch(branch).call()) {
            java.nio.file.Path file = work.resolve(path);
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, text);
            git.add().addFilepattern(path).call();
            String commit = git.commit().setMessage(message).setAuthor("Mallory", "m@example.com").setCommitter("Mallory", "m@example.com").call().name();
            git.push().setRefSpecs(new org.eclipse.jgit.transport.RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)).call();
            return commit;
        }
    }

    /** A commit on a new branch of the host's repository, on top of its main: one file written. */
    private static String commitOnHost(Repository repo, String branch, String path, String text, String message) throws Exception {
        java.nio.file.Path work = java.nio.file.Files.createTempDirectory("host-work");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.cloneRepository().setURI(repo.getDirectory().toURI().toString())
                .setDirectory(work.toFile()).setBranch("main").call()) {
            git.checkout().setCreateBranch(true).setName(branch).call();
            java.nio.file.Path file = work.resolve(path);
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, text);
            git.add().addFilepattern(path).call();
            String commit = git.commit().setMessage(message).setAuthor("Dana Developer", "dana@example.com")
                    .setCommitter("Dana Developer", "dana@example.com").call().name();
            git.push().setRefSpecs(new org.eclipse.jgit.transport.RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)).call();
            return commit;
        }
    }

    private static String pullRequestOpened(long number, String branch, String head, String title, String login) {
        return pullRequestEvent("opened", number, branch, head, title, login, "acme/gitops");
    }

    private static String pullRequestEvent(String action, long number, String branch, String head, String title, String login, String headRepository) {
        return "{\"action\": \"" + action + "\", \"number\": " + number + ", \"pull_request\": {\"number\": " + number + ", \"title\": \"" + title
                + "\", \"body\": \"By hand.\", \"html_url\": \"https://github.example/acme/gitops/pull/" + number + "\", \"user\": {\"login\": \""
                + login + "\"}, \"head\": {\"ref\": \"" + branch + "\", \"sha\": \"" + head + "\", \"repo\": {\"full_name\": \"" + headRepository
                + "\"}}, \"base\": {\"ref\": \"main\"}}, \"repository\": {\"full_name\": \"acme/gitops\"}, \"sender\": {\"login\": \"" + login + "\"}}";
    }

    @Test
    void anEnvironmentMayLeaveItsApprovalsToTheHostsBranchProtection() throws Exception {
        io.chartroom.fixtures.Environments.create(api, Map.of("name", "qa-host", "clusterSelector", "env=dev", "kubeVersion", "1.31"));
        ApiClient.Response proposed = api.put("/api/v1/environments/qa-host/approval-policy", Auth.user("admin"), Map.of("requiredApprovals", 1,
                "approverRole", "APPROVER", "requireAdmin", false, "onHost", true));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(202);
        io.chartroom.fixtures.Environments.merge(api, proposed.json().get("changeRequest").asLong());
        JsonNode policy = api.get("/api/v1/environments/qa-host/approval-policy", Auth.user("viewer")).json();
        assertThat(policy.get("onHost").asBoolean()).isTrue();
        assertThat(policy.get("summary").asString()).contains("with a Git host, its branch protection decides instead");

        // without a host the count applies
        long before = changes.propose(Auth.user("developer"), ChangeRequests.release("host-decides-a", "", Map.of("qa-host", "")), null).get("id").asLong();
        assertThat(api.get("/api/v1/change-requests/" + before, Auth.user("viewer")).json().get("missing").toString()).contains("qa-host: 1 more approval");

        GitHostStubs stubs = new GitHostStubs("GITHUB", host, TOKEN);
        try (GitHttpRemote remote = new GitHttpRemote(stubs.repository(), stubs.pushUser(), TOKEN)) {
            stubs.pullRequest(remote, 31, 310);
            configure("GITHUB", stubs.repository());
            transfer.push(remote.cloneUrl(), stubs.pushUser(), TOKEN, GitOpsRepository.MAIN);
            // with a host, the host decides: nothing to approve here, but no merge around it either
            JsonNode waiting = api.get("/api/v1/change-requests/" + before, Auth.user("viewer")).json();
            assertThat(waiting.get("policyMet").asBoolean()).isTrue();
            assertThat(waiting.get("policy").toString()).as("deferred to the host").contains("\"requiredApprovals\":0").contains("\"onHost\":true");
            ApiClient.Response around = api.post("/api/v1/change-requests/" + before + "/merge", Auth.user("developer"), Map.of());
            assertThat(around.status()).isEqualTo(409);
            assertThat(around.body()).contains("branch protection decides for qa-host").contains("not open there yet");
            api.post("/api/v1/change-requests/" + before + "/close", Auth.user("developer"), Map.of());

            long id = changes.propose(Auth.user("developer"), ChangeRequests.release("host-decides-b", "", Map.of("qa-host", "")), null).get("id").asLong();
            Poll.until(Duration.ofSeconds(30), () -> jdbc.sql("select coalesce(published_head, '') from pull_request where change_request_id = ?")
                    .param(id).query(String.class).optional().orElse(""), h -> !h.isEmpty());
            String merge = mergeOnHost(remote.repository(), "refs/heads/cr/" + id, "Merge change request #" + id);
            host.stubFor(put(urlEqualTo("/repos/acme/gitops/pulls/31/merge")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .willReturn(okJson("{\"sha\": \"" + merge + "\", \"merged\": true}")));
            ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("developer"), Map.of());
            assertThat(merged.status()).as("a developer of the team merges; the host's protection was the gate").isEqualTo(200);
            assertThat(gitops.main()).isEqualTo(merge);

            jdbc.sql("delete from git_host").update();
            long removal = api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("remove", "host-decides-b")).json().get("id").asLong();
            api.post("/api/v1/change-requests/" + removal + "/merge", Auth.user("admin"), Map.of("overrideReason", "test cleanup"));
        }
    }

    @Test
    void anApprovalOnTheHostCountsAsTheChartroomUsersOnlyWhenTheAdminSaysSoAndTheyQualify() throws Exception {
        try (GitHttpRemote remote = new GitHttpRemote("acme/gitops", "x-access-token", TOKEN)) {
            host.stubFor(gitHub(get(urlEqualTo("/repos/acme/gitops"))).willReturn(okJson(
                    "{\"default_branch\": \"main\", \"clone_url\": \"" + remote.cloneUrl() + "\", \"permissions\": {\"push\": true}}")));
            host.stubFor(gitHub(post(urlEqualTo("/repos/acme/gitops/pulls"))).willReturn(created("{\"number\": 9, \"html_url\": \"https://github.example/acme/gitops/pull/9\"}")));
            host.stubFor(gitHub(post(urlEqualTo("/repos/acme/gitops/issues/9/comments"))).willReturn(created("{\"id\": 90}")));
            host.stubFor(gitHub(patch(urlEqualTo("/repos/acme/gitops/issues/comments/90"))).willReturn(okJson("{\"id\": 90}")));
            host.stubFor(gitHub(post(urlPathMatching("/repos/acme/gitops/statuses/[0-9a-f]{40}"))).willReturn(created("{\"id\": 1}")));
            ApiClient.Response saved = api.put("/api/v1/git-host", Auth.user("admin"), Map.of("kind", "GITHUB", "apiUrl", host.baseUrl(),
                    "repository", "acme/gitops", "token", TOKEN, "webhookSecret", SECRET, "countHostReviews", true));
            assertThat(saved.json().path("countHostReviews").asBoolean()).isTrue();
            for (String user : new String[] {"approver", "developer"}) { // Chartroom users known to it (creating a token records them)
                assertThat(api.post("/api/v1/tokens", Auth.user(user), Map.of("name", "host-review-" + user)).status()).isEqualTo(201);
            }

            long id = changes.propose(Auth.user("developer"), ChangeRequests.release("reviewed-web", "replicaCount: 2\n", Map.of("dev", "")), null)
                    .get("id").asLong();
            Poll.until(Duration.ofSeconds(30), () -> jdbc.sql("select count(*) from pull_request where change_request_id = ? and published_head is not null")
                    .param(id).query(Long.class).single(), n -> n == 1);
            String head = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json().path("changeRequest").path("headCommit").asString();
            review(9, "approver", "approved", "0".repeat(40));
            review(9, "developer", "approved", head);
            review(9, "mallory", "approved", head);
            review(9, "approver", "approved", head);
            tools.jackson.databind.JsonNode approved = Poll.until(Duration.ofSeconds(30), () -> api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json(),
                    d -> d.path("policyMet").asBoolean(false));
            String conversation = approved.path("conversation").toString();
            assertThat(conversation).contains("approved on the Git host an earlier head (00000000): it does not count").contains("developer (on the Git host)\",\"body\":\"approved on the Git host; it does not count: this needs the role APPROVER; developer has DEVELOPER").contains("no Chartroom user is named mallory")
                    .contains("counts as approver's approval");
            assertThat(approved.path("approvals").toString()).contains("\"approver\":\"approver\"").doesNotContain("mallory");

            // withdrawn on the host: the approval no longer counts
            String dismissed = "{\"action\": \"dismissed\", \"review\": {\"state\": \"dismissed\", \"user\": {\"login\": \"approver\"}}, "
                    + "\"pull_request\": {\"number\": 9}, \"sender\": {\"login\": \"approver\"}}";
            assertThat(send(dismissed, Map.of("X-GitHub-Event", "pull_request_review", "X-GitHub-Delivery", UUID.randomUUID().toString(),
                    "X-Hub-Signature-256", "sha256=" + hmac(SECRET, dismissed))).statusCode()).isEqualTo(202);
            Poll.until(Duration.ofSeconds(30), () -> api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json(),
                    d -> !d.path("policyMet").asBoolean(true));
            jdbc.sql("delete from git_host").update();
            api.post("/api/v1/change-requests/" + id + "/close", Auth.user("developer"), Map.of());
        }
    }

    private void review(long number, String login, String state, String commit) throws Exception {
        String body = "{\"action\": \"submitted\", \"review\": {\"state\": \"" + state + "\", \"commit_id\": \"" + commit
                + "\", \"user\": {\"login\": \"" + login + "\"}}, "
                + "\"pull_request\": {\"number\": " + number + "}, \"sender\": {\"login\": \"" + login + "\"}}";
        HttpResponse<String> answer = send(body, Map.of("X-GitHub-Event", "pull_request_review", "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", "sha256=" + hmac(SECRET, body)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    /** What the host's merge button does: a merge commit of main and the branch, main moved to it. */
    private static String mergeOnHost(Repository repo, String branch, String message) throws Exception {
        try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
            var main = walk.parseCommit(repo.resolve("refs/heads/main"));
            var head = walk.parseCommit(repo.resolve(branch));
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(head.getTree().getId()); // main has not moved since the branch was cut: the merge is the branch's tree
            commit.setParentIds(List.of(main.getId(), head.getId()));
            PersonIdent who = new PersonIdent("Approver", "approver@example.com");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef("refs/heads/main");
            update.setExpectedOldObjectId(main.getId());
            update.setNewObjectId(id);
            assertThat(update.update()).isIn(RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.FORCED);
            return id.name();
        }
    }

    private void configure(String kind, String repository) {
        ApiClient.Response saved = api.put("/api/v1/git-host", Auth.user("admin"),
                Map.of("kind", kind, "apiUrl", host.baseUrl(), "repository", repository, "token", TOKEN, "webhookSecret", SECRET));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).contains("\"webhookSecretSet\":true").doesNotContain(SECRET);
    }

    private HttpResponse<String> send(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/git-host/webhook"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String secret, String text) {
        return io.chartroom.base.crypto.HmacSha256.hex(secret, text);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String json) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(json);
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder gitHub(com.github.tomakehurst.wiremock.client.MappingBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }
}
