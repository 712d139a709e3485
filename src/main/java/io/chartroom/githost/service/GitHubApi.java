package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.service.ConnectionReport.Finding;
import io.chartroom.githost.service.ConnectionReport.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** GitHub's REST API (github.com and Enterprise Server): a token as a bearer, API version pinned. */
final class GitHubApi extends GitHubStyleApi {

    @Override
    public String pushUser() {
        return "x-access-token";
    }

    @Override
    HostHttp http(GitHost host, String token) {
        return new HostHttp(host.apiUrl(), Map.of("Authorization", "Bearer " + token, "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28"));
    }

    @Override
    String pushNeeds() {
        return "permissions.push is false; give it Contents and Pull requests: read and write";
    }

    /** A classic token names its scopes in a header; fine-grained and app tokens have the repository's permissions. */
    @Override
    void tokenFindings(HostHttp.Answer repo, List<Finding> findings) {
        repo.headers().firstValue("X-OAuth-Scopes").ifPresentOrElse(scopes -> {
            List<String> granted = Arrays.stream(scopes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            findings.add(granted.contains("repo") ? new Finding(Level.OK, "Classic token scopes: " + String.join(", ", granted))
                    : new Finding(Level.MISSING, "The classic token lacks the repo scope (it has: "
                            + (granted.isEmpty() ? "none" : String.join(", ", granted)) + ")"));
        }, () -> findings.add(new Finding(Level.OK, "A fine-grained token or an app token: its rights are the repository permissions above")));
    }

    @Override
    void protection(HostHttp http, GitHost host, String branch, List<Finding> findings) {
        HostHttp.Answer answer = http.get("/repos/" + host.repository() + "/branches/" + branch);
        if (answer.ok()) {
            HostAnswers.protection(findings, branch, answer.body().path("protected").asBoolean(false));
        } else {
            HostAnswers.protectionNotVisible(findings, branch, answer.status());
        }
    }
}
