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
