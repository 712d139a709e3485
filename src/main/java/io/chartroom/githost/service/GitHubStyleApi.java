package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHost;
import java.util.Map;

/**
 * The pull request operations GitHub's REST API has and Gitea's copies path for path: pulls, issue comments,
 * commit statuses. Subclasses say how a request authenticates and how the connection is checked.
 */
abstract class GitHubStyleApi implements HostApi {

    abstract HostHttp http(GitHost host, String token);

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
