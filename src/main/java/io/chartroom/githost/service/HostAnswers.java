package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.service.ConnectionReport.Finding;
import io.chartroom.githost.service.ConnectionReport.Level;
import java.util.List;

/** How every host's answers read as findings: the repository seen or not, and its default branch's protection. */
final class HostAnswers {

    private HostAnswers() {
    }

    /** Whether the repository answered; if not, the finding that says why. */
    static boolean repositorySeen(HostHttp.Answer answer, GitHost host, List<Finding> findings) {
        if (answer.ok()) {
            findings.add(new Finding(Level.OK, "Repository " + host.repository() + " found at " + host.apiUrl()));
            return true;
        }
        String why = switch (answer.status()) {
            case 401 -> "the host does not accept the token (401): it is expired, revoked or mistyped";
            case 403 -> "the token may not read " + host.repository() + " (403)";
            case 404 -> "no repository " + host.repository() + " at " + host.apiUrl() + ", or the token cannot see it (404)";
            default -> "the host answered " + answer.status() + " for " + host.repository();
        };
        findings.add(new Finding(Level.MISSING, Character.toUpperCase(why.charAt(0)) + why.substring(1)));
        return false;
    }

    static void protection(List<Finding> findings, String branch, boolean isProtected) {
        findings.add(isProtected ? new Finding(Level.OK, "Branch protection on " + branch + ": on (the host's required reviews apply too)")
                : new Finding(Level.WARNING, branch + " is not protected on the host: anyone who may push there changes what clusters "
                        + "run without a review"));
    }

    static void protectionNotVisible(List<Finding> findings, String branch, int status) {
        findings.add(new Finding(Level.WARNING, "Branch protection of " + branch + " is not visible to the token (" + status
                + "); it is checked on the host, not here"));
    }
}
