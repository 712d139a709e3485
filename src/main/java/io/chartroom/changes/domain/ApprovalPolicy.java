package io.chartroom.changes.domain;

import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.security.domain.Role;
import org.jspecify.annotations.Nullable;

/**
 * Who must approve a change to an environment before it merges, and where that was said.
 *
 * @param approverRole the least role an approver needs (APPROVER or ADMIN)
 * @param approverTeam null: any team; {@link #OWNER_TEAM}: the release's owning team; else a team name
 * @param requireAdmin one of the approvals must come from an ADMIN
 */
public record ApprovalPolicy(String environment, int requiredApprovals, Role approverRole, @Nullable String approverTeam,
                             boolean requireAdmin, Source source, boolean onHost) {

    public ApprovalPolicy(String environment, int requiredApprovals, Role approverRole, @Nullable String approverTeam, boolean requireAdmin,
                          Source source) {
        this(environment, requiredApprovals, approverRole, approverTeam, requireAdmin, source, false);
    }

    public static final String OWNER_TEAM = EnvironmentDefinition.Approvals.OWNER_TEAM;
    /** What a change request on environments.yaml itself is approved under: one ADMIN who authored none of it. */
    public static final String ENVIRONMENTS_FILE = "environments.yaml";

    /** Where the policy comes from. */
    public enum Source {
        /** environments.yaml on main says so */
        FILE,
        /** the database said so before environments.yaml held approvals, until the change request carrying it there merges */
        DATABASE,
        /** nobody said: one approval from any APPROVER */
        DEFAULT,
        /** the fixed policy of changes to environments.yaml */
        BUILT_IN
    }

    /** Environments without a policy of their own need one approval from any APPROVER. */
    public static ApprovalPolicy defaultFor(String environment) {
        return new ApprovalPolicy(environment, 1, Role.APPROVER, null, false, Source.DEFAULT);
    }

    /** As environments.yaml writes it. */
    public static ApprovalPolicy of(String environment, EnvironmentDefinition.Approvals approvals) {
        return new ApprovalPolicy(environment, approvals.required(), Role.valueOf(approvals.role()), approvals.team(), approvals.admin(),
                Source.FILE, approvals.onHost());
    }

    /** Changes to the environments themselves: an ADMIN other than whoever authored them approves. */
    public static ApprovalPolicy forEnvironmentsFile() {
        return new ApprovalPolicy(ENVIRONMENTS_FILE, 1, Role.ADMIN, null, false, Source.BUILT_IN);
    }

    /** For environments.yaml. */
    public EnvironmentDefinition.Approvals approvals() {
        return new EnvironmentDefinition.Approvals(requiredApprovals, approverRole.name(), approverTeam, requireAdmin, onHost);
    }

    /**
     * With a Git host, what the host's branch protection asks for replaces this policy: nothing to approve here, and
     * the merge goes through the host, which refuses what its protection refuses.
     */
    public ApprovalPolicy deferredToHost() {
        return new ApprovalPolicy(environment, 0, approverRole, approverTeam, false, source, true);
    }

    /** Whether the Git host's branch protection decides (a policy deferred to a configured host). */
    public boolean decidedByHost() {
        return onHost && requiredApprovals == 0 && !requireAdmin;
    }

    /** In words, e.g. "2 approvals from an APPROVER of the owning team, one of them an ADMIN". */
    public String describe() {
        if (decidedByHost()) {
            return "the Git host's branch protection decides";
        }
        if (requiredApprovals == 0 && !requireAdmin) {
            return "no approval needed" + (onHost ? " (with a Git host, its branch protection decides)" : "");
        }
        String who = "an " + approverRole + (approverTeam == null ? "" : OWNER_TEAM.equals(approverTeam)
                ? " of the owning team" : " of team " + approverTeam);
        String count = requiredApprovals == 1 ? "1 approval" : requiredApprovals + " approvals";
        return (requiredApprovals == 0 ? "" : count + " from " + who) + (requireAdmin
                ? (requiredApprovals == 0 ? "an approval from an ADMIN" : ", one of them from an ADMIN") : "")
                + (onHost ? " (with a Git host, its branch protection decides instead)" : "");
    }
}
