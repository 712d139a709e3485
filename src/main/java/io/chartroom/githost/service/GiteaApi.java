package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.service.ConnectionReport.Finding;
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
    String pushNeeds() {
        return "it needs write:repository and a collaborator role with write access";
    }

    @Override
    void protection(HostHttp http, GitHost host, String branch, List<Finding> findings) {
        HostHttp.Answer rules = http.get("/repos/" + host.repository() + "/branch_protections");
        if (rules.ok()) {
            HostAnswers.protection(findings, branch, rules.body().valueStream().anyMatch(rule -> branch.equals(rule.path("rule_name").asString(""))
                    || branch.equals(rule.path("branch_name").asString(""))));
        } else {
            HostAnswers.protectionNotVisible(findings, branch, rules.status());
        }
    }
}
