package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.service.ConnectionReport.Finding;
import io.chartroom.githost.service.ConnectionReport.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** GitLab's REST API v4: a project (or personal) access token in PRIVATE-TOKEN, the project by its URL-encoded path. */
final class GitLabApi implements HostApi {

    /** GitLab's access levels: Developer may push branches and open merge requests. */
    static final int DEVELOPER = 30;

    static HostHttp http(GitHost host, String token) {
        return new HostHttp(host.apiUrl(), Map.of("PRIVATE-TOKEN", token, "Accept", "application/json"));
    }

    static String project(GitHost host) {
        return "/projects/" + URLEncoder.encode(host.repository(), StandardCharsets.UTF_8);
    }

    @Override
    public String pushUser() {
        return "oauth2";
    }

    @Override
    public String cloneUrl(GitHost host, String token) {
        HostHttp.Answer project = http(host, token).get(project(host));
        if (!project.ok()) {
            throw new HostHttp.HostRefused("GET " + project(host), project.status(), project.body().path("message").asString(""));
        }
        return HostApi.checkedCloneUrl(project.body().path("http_url_to_repo").asString(""), host);
    }

    @Override
    public PullRequest open(GitHost host, String token, String branch, String base, String title, String body) {
        var created = http(host, token).write("POST", project(host) + "/merge_requests",
                Map.of("source_branch", branch, "target_branch", base, "title", title, "description", body));
        return new PullRequest(created.path("iid").asLong(), created.path("web_url").asString(""));
    }

    @Override
    public long comment(GitHost host, String token, long number, String body) {
        return http(host, token).write("POST", project(host) + "/merge_requests/" + number + "/notes", Map.of("body", body)).path("id").asLong();
    }

    @Override
    public void editComment(GitHost host, String token, long number, long commentId, String body) {
        http(host, token).write("PUT", project(host) + "/merge_requests/" + number + "/notes/" + commentId, Map.of("body", body));
    }

    @Override
    public void status(GitHost host, String token, String commit, CommitStatus status) {
        String state = switch (status.state()) {
            case PENDING -> "pending";
            case SUCCESS -> "success";
            case FAILURE -> "failed";
        };
        http(host, token).write("POST", project(host) + "/statuses/" + commit, Map.of("state", state, "name", status.context(),
                "description", status.description(), "target_url", status.targetUrl()));
    }

    @Override
    public void close(GitHost host, String token, long number) {
        http(host, token).write("PUT", project(host) + "/merge_requests/" + number, Map.of("state_event", "close"));
    }

    @Override
    public String merge(GitHost host, String token, long number, String head, boolean squash, String title) {
        var merged = http(host, token).write("PUT", project(host) + "/merge_requests/" + number + "/merge",
                Map.of("sha", head, "squash", squash, "merge_commit_message", title));
        String sha = merged.path("merge_commit_sha").asString("");
        return sha.isEmpty() ? merged.path("squash_commit_sha").asString("") : sha;
    }

    @Override
    public ConnectionReport check(GitHost host, String token) {
        HostHttp http = http(host, token);
        List<Finding> findings = new ArrayList<>();
        HostHttp.Answer project = http.get(project(host));
        if (!HostAnswers.repositorySeen(project, host, findings)) {
            return new ConnectionReport(findings);
        }
        var permissions = project.body().path("permissions");
        int level = Math.max(permissions.path("project_access").path("access_level").asInt(0),
                permissions.path("group_access").path("access_level").asInt(0));
        findings.add(level >= DEVELOPER ? new Finding(Level.OK, "The token's role in " + host.repository() + " may push branches and open "
                + "merge requests (access level " + level + ")")
                : new Finding(Level.MISSING, "The token's role in " + host.repository() + " is below Developer (access level " + level
                        + "): it cannot push branches or open merge requests"));
        HostHttp.Answer self = http.get("/personal_access_tokens/self");
        if (self.ok()) {
            List<String> scopes = self.body().path("scopes").valueStream().map(s -> s.asString()).toList();
            findings.add(scopes.contains("api") ? new Finding(Level.OK, "Token scopes: " + String.join(", ", scopes))
                    : new Finding(Level.MISSING, "The token lacks the api scope (it has: " + (scopes.isEmpty() ? "none" : String.join(", ", scopes)) + ")"));
        } else {
            findings.add(new Finding(Level.WARNING, "The token's scopes are not visible (GET /personal_access_tokens/self answered "
                    + self.status() + "); it needs the api scope"));
        }
        String branch = project.body().path("default_branch").asString("main");
        HostHttp.Answer protection = http.get(project(host) + "/protected_branches/" + URLEncoder.encode(branch, StandardCharsets.UTF_8));
        if (protection.ok() || protection.status() == 404) {
            HostAnswers.protection(findings, branch, protection.ok());
        } else {
            HostAnswers.protectionNotVisible(findings, branch, protection.status());
        }
        return new ConnectionReport(findings);
    }
}
