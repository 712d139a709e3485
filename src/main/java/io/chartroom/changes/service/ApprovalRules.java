package io.chartroom.changes.service;

import io.chartroom.changes.domain.Approval;
import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.security.domain.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The approval rules, without state: whether an approver qualifies under an environment's policy, and
 * where a change request stands. Only approvals of the current head count; those of anyone who authored a commit
 * on the branch never do.
 */
final class ApprovalRules {

    private ApprovalRules() {}

    /** Whether someone with these roles and teams may approve this change for the environment. */
    static boolean qualifies(ApprovalPolicy policy, ChangeRequest cr, String approver, Set<?> roles, Set<String> teams) {
        if (cr.authoredBy(approver)) {
            return false;
        }
        if (!roles.contains(policy.approverRole()) && !roles.contains(policy.approverRole().name())) {
            return false;
        }
        if (policy.approverTeam() == null) {
            return true;
        }
        String team = ApprovalPolicy.OWNER_TEAM.equals(policy.approverTeam()) ? cr.team() : policy.approverTeam();
        return teams.contains(team);
    }

    /** Where the change request stands under the policies that apply to it ({@link ApprovalPolicies#applicable}). */
    static PolicyStatus evaluate(ChangeRequest cr, List<Approval> approvals, Map<String, ApprovalPolicy> applicable) {
        List<PolicyStatus.EnvironmentStatus> statuses = new ArrayList<>();
        for (Map.Entry<String, ApprovalPolicy> e : applicable.entrySet()) {
            ApprovalPolicy policy = e.getValue();
            List<String> counted = new ArrayList<>();
            boolean admin = false;
            for (Approval a : approvals) {
                if (a.active() && a.headCommit().equals(cr.headCommit()) && qualifies(policy, cr, a.approver(), a.roles(), a.teams())) {
                    counted.add(a.approver());
                    admin |= a.roles().contains(Role.ADMIN.name());
                }
            }
            List<String> missing = new ArrayList<>();
            int more = policy.requiredApprovals() - counted.size();
            if (more > 0) {
                missing.add(more + " more approval" + (more == 1 ? "" : "s") + " from an " + policy.approverRole()
                        + (policy.approverTeam() == null ? "" : ApprovalPolicy.OWNER_TEAM.equals(policy.approverTeam())
                        ? " of team " + cr.team() : " of team " + policy.approverTeam()));
            }
            if (policy.requireAdmin() && !admin) {
                missing.add("an approval from an ADMIN");
            }
            statuses.add(new PolicyStatus.EnvironmentStatus(e.getKey(), policy, counted, admin, missing.isEmpty(), String.join(" and ", missing)));
        }
        return new PolicyStatus(statuses);
    }
}
