package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.service.ConnectionReport.Finding;
import io.chartroom.githost.service.ConnectionReport.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pull request operations GitHub's REST API has and Gitea's copies path for path: pulls, issue comments,
 * commit statuses, and the repository's permissions. Subclasses say how a request authenticates, what a token
 * lacks in words of that host, and how branch protection is read.
 */
abstract class GitHubStyleApi implements HostApi {

    abstract HostHttp http(GitHost host, String token);

    /** What the token needs to push, in this host's words. */
    abstract String pushNeeds();

    /** What the repository's answer says of the token itself (GitHub: a classic token's scopes); nothing by default. */
    void tokenFindings(HostHttp.Answer repo, List<Finding> findings) {
    }

    /** Whether the default branch is protected: a finding either way, or one that says it is not visible. */
    abstract void protection(HostHttp http, GitHost host, String branch, List<Finding> findings);

    @Override
    public ConnectionReport check(GitHost host, String token) {
        HostHttp http = http(host, token);
        List<Finding> findings = new ArrayList<>();
        HostHttp.Answer repo = http.get("/repos/" + host.repository());
        if (!HostAnswers.repositorySeen(repo, host, findings)) {
            return new ConnectionReport(findings);
        }
        if (host.app() == null) { // an app's token is not a user: its rights are the installation's, checked where it was minted
            boolean push = repo.body().path("permissions").path("push").asBoolean(false);
            findings.add(push ? new Finding(Level.OK, "The token may push branches and open pull requests in " + host.repository())
                    : new Finding(Level.MISSING, "The token may not push to " + host.repository() + ": " + pushNeeds()));
        }
        tokenFindings(repo, findings);
        protection(http, host, repo.body().path("default_branch").asString("main"), findings);
        return new ConnectionReport(findings);
    }

    @Override
    public String cloneUrl(GitHost host, String token) {
        HostHttp.Answer repo = http(host, token).get("/repos/" + host.repository());
        if (!repo.ok()) {
            throw new HostHttp.HostRefused("GET /repos/" + host.repository(), repo.status(), repo.body().path("message").asString(""));
        }
        return HostApi.checkedCloneUrl(repo.body().path("clone_url").asString(""), host);
    }

    @Override
    public PullRequest open(GitHost host, String token, String branch, String base, String title, String body) {
        var created = http(host, token).write("POST", "/repos/" + host.repository() + "/pulls",
                Map.of("title", title, "head", branch, "base", base, "body", body));
        return new PullRequest(created.path("number").asLong(), created.path("html_url").asString(""));
    }

    @Override
    public long comment(GitHost host, String token, long number, String body) {
        return http(host, token).write("POST", "/repos/" + host.repository() + "/issues/" + number + "/comments", Map.of("body", body))
                .path("id").asLong();
    }

    @Override
    public void editComment(GitHost host, String token, long number, long commentId, String body) {
        http(host, token).write("PATCH", "/repos/" + host.repository() + "/issues/comments/" + commentId, Map.of("body", body));
    }

    @Override
    public void status(GitHost host, String token, String commit, CommitStatus status) {
        http(host, token).write("POST", "/repos/" + host.repository() + "/statuses/" + commit, Map.of(
                "state", status.state().name().toLowerCase(), "context", status.context(),
                "description", status.description(), "target_url", status.targetUrl()));
    }

    /** GitHub answers the merge with its sha; Gitea answers nothing, and the pull request then says it. */
    @Override
    public String merge(GitHost host, String token, long number, String head, boolean squash, String title) {
        HostHttp http = http(host, token);
        var merged = http.write(mergeMethod(), "/repos/" + host.repository() + "/pulls/" + number + "/merge", mergeBody(head, squash, title));
        String sha = merged.path("sha").asString("");
        if (!sha.isEmpty()) {
            return sha;
        }
        HostHttp.Answer pull = http.get("/repos/" + host.repository() + "/pulls/" + number);
        return pull.body().path("merge_commit_sha").asString("");
    }

    /** The merge request: GitHub's PUT with merge_method and sha. */
    String mergeMethod() {
        return "PUT";
    }

    Map<String, Object> mergeBody(String head, boolean squash, String title) {
        return Map.of("merge_method", squash ? "squash" : "merge", "sha", head, "commit_title", title);
    }

    @Override
    public void close(GitHost host, String token, long number) {
        http(host, token).write("PATCH", "/repos/" + host.repository() + "/pulls/" + number, Map.of("state", "closed"));
    }
}
