package io.chartroom.changes.domain;

import io.chartroom.security.domain.Role;
import java.time.Instant;

/**
 * Who must approve a change to an environment before it merges.
 *
 * @param approverRole the least role an approver needs (APPROVER or ADMIN)
 * @param approverTeam null: any team; {@link #OWNER_TEAM}: the release's owning team; else a team name
 * @param requireAdmin one of the approvals must come from an ADMIN
 */
public record ApprovalPolicy(String environment, int requiredApprovals, Role approverRole, String approverTeam,
                             boolean requireAdmin, Instant updatedAt, String updatedBy) {

    public static final String OWNER_TEAM = "@owner";

    /** Environments without a policy of their own need one approval from any APPROVER. */
    public static ApprovalPolicy defaultFor(String environment) {
        return new ApprovalPolicy(environment, 1, Role.APPROVER, null, false, null, null);
    }

    /** In words, e.g. "2 approvals from an APPROVER of the owning team, one of them an ADMIN". */
    public String describe() {
        if (requiredApprovals == 0 && !requireAdmin) {
            return "no approval needed";
        }
        String who = "an " + approverRole + (approverTeam == null ? "" : OWNER_TEAM.equals(approverTeam)
                ? " of the owning team" : " of team " + approverTeam);
        String count = requiredApprovals == 1 ? "1 approval" : requiredApprovals + " approvals";
        return (requiredApprovals == 0 ? "" : count + " from " + who) + (requireAdmin
                ? (requiredApprovals == 0 ? "an approval from an ADMIN" : ", one of them from an ADMIN") : "");
    }
}
