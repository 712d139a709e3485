package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.service.ConnectionReport.Finding;
import io.chartroom.githost.service.ConnectionReport.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Gitea's (and Forgejo's) REST API v1: a token in the Authorization header as {@code token <value>}. */
final class GiteaApi extends GitHubStyleApi {

    @Override
    public String pushUser() {
        return "chartroom";
    }

    @Override
    HostHttp http(GitHost host, String token) {
        return new HostHttp(host.apiUrl(), Map.of("Authorization", "token " + token, "Accept", "application/json"));
    }

    /** Gitea's merge is a POST with "Do" and the head it expects. */
    @Override
    String mergeMethod() {
        return "POST";
    }

    @Override
    Map<String, Object> mergeBody(String head, boolean squash, String title) {
        return Map.of("Do", squash ? "squash" : "merge", "head_commit_id", head, "MergeTitleField", title);
    }

    @Override
    public ConnectionReport check(GitHost host, String token) {
        HostHttp http = http(host, token);
        List<Finding> findings = new ArrayList<>();
        HostHttp.Answer repo = http.get("/repos/" + host.repository());
        if (!HostAnswers.repositorySeen(repo, host, findings)) {
            return new ConnectionReport(findings);
        }
        boolean push = repo.body().path("permissions").path("push").asBoolean(false);
        findings.add(push ? new Finding(Level.OK, "The token may push branches and open pull requests in " + host.repository())
                : new Finding(Level.MISSING, "The token may not push to " + host.repository() + ": it needs write:repository and a "
                        + "collaborator role with write access"));
        String branch = repo.body().path("default_branch").asString("main");
        HostHttp.Answer rules = http.get("/repos/" + host.repository() + "/branch_protections");
        if (rules.ok()) {
            boolean protectedBranch = rules.body().valueStream().anyMatch(rule -> branch.equals(rule.path("rule_name").asString(""))
                    || branch.equals(rule.path("branch_name").asString("")));
            HostAnswers.protection(findings, branch, protectedBranch);
        } else {
            HostAnswers.protectionNotVisible(findings, branch, rules.status());
        }
        return new ConnectionReport(findings);
    }
}
