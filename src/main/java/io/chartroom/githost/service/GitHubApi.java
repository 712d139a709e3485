package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.service.ConnectionReport.Finding;
import io.chartroom.githost.service.ConnectionReport.Level;
import java.util.ArrayList;
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
    public ConnectionReport check(GitHost host, String token) {
        HostHttp http = http(host, token);
        List<Finding> findings = new ArrayList<>();
        HostHttp.Answer repo = http.get("/repos/" + host.repository());
        if (!HostAnswers.repositorySeen(repo, host, findings)) {
            return new ConnectionReport(findings);
        }
        boolean push = repo.body().path("permissions").path("push").asBoolean(false);
        findings.add(push ? new Finding(Level.OK, "The token may push branches and open pull requests in " + host.repository())
                : new Finding(Level.MISSING, "The token may not push to " + host.repository() + " (permissions.push is false): give it "
                        + "Contents and Pull requests: read and write"));
        repo.headers().firstValue("X-OAuth-Scopes").ifPresentOrElse(scopes -> {
            List<String> granted = Arrays.stream(scopes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            findings.add(granted.contains("repo") ? new Finding(Level.OK, "Classic token scopes: " + String.join(", ", granted))
                    : new Finding(Level.MISSING, "The classic token lacks the repo scope (it has: "
                            + (granted.isEmpty() ? "none" : String.join(", ", granted)) + ")"));
        }, () -> findings.add(new Finding(Level.OK, "A fine-grained token or an app token: its rights are the repository permissions above")));
        String branch = repo.body().path("default_branch").asString("main");
        HostHttp.Answer protection = http.get("/repos/" + host.repository() + "/branches/" + branch);
        if (protection.ok()) {
            HostAnswers.protection(findings, branch, protection.body().path("protected").asBoolean(false));
        } else {
            HostAnswers.protectionNotVisible(findings, branch, protection.status());
        }
        return new ConnectionReport(findings);
    }
}
