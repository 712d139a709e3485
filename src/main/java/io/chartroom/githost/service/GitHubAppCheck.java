package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.service.ConnectionReport.Finding;
import io.chartroom.githost.service.ConnectionReport.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection test of a GitHub App: whether GitHub gives the app a token for the repository, which of the
 * permissions Chartroom uses the installation grants, and then what the token itself may do there.
 */
final class GitHubAppCheck {

    private record Needed(String permission, String why) {}

    private static final List<Needed> NEEDED = List.of(new Needed("contents", "to push change requests' branches"),
            new Needed("pull_requests", "to open, comment on and merge pull requests"), new Needed("statuses", "to set commit statuses"));

    private GitHubAppCheck() {
    }

    static ConnectionReport check(GitHubAppTokens tokens, GitHost host, String privateKey, HostApi api) {
        GitHubAppTokens.InstallationToken minted;
        try {
            minted = tokens.mint(host, privateKey);
        } catch (HostHttp.HostRefused refused) {
            return new ConnectionReport(List.of(new Finding(Level.MISSING, refusal(host, refused))));
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding(Level.OK, "GitHub App " + host.app().appId() + " (installation " + host.app().installationId()
                + ") got a token for " + host.repository() + "; Chartroom renews it every hour"));
        for (Needed needed : NEEDED) {
            String granted = minted.permissions().getOrDefault(needed.permission(), "none");
            findings.add("write".equals(granted) ? new Finding(Level.OK, "The installation grants " + needed.permission() + ": write")
                    : new Finding(Level.MISSING, "The installation grants " + needed.permission() + ": " + granted + "; Chartroom needs write "
                            + needed.why() + " (set it on the app's permissions page, then accept the change on the installation)"));
        }
        findings.addAll(api.check(host, minted.token()).findings());
        return new ConnectionReport(findings);
    }

    /** GitHub's refusal of the app's signed request, in words that say what to fix. */
    private static String refusal(GitHost host, HostHttp.HostRefused refused) {
        return switch (refused.status()) {
            case 401 -> "GitHub refused the app's signed request (" + refused.getMessage() + "): check the App ID and that the private key "
                    + "is this app's, and this machine's clock";
            case 404 -> "GitHub knows no installation " + host.app().installationId() + " of app " + host.app().appId() + ": install the app on "
                    + host.owner() + " and take the number at the end of the installation's settings URL";
            case 422 -> "The installation does not cover " + host.repository() + " (" + refused.getMessage() + "): add the repository to the "
                    + "app's installation";
            default -> "GitHub gave the app no token: " + refused.getMessage();
        };
    }
}
