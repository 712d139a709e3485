package io.chartroom.changes.service;

import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The approval policy of each environment, as main's environments.yaml says: everyone sees them; ADMINs change
 * them by proposing a change of the file (approved by another ADMIN), which applies when it merges.
 */
@Service
public class ApprovalPolicyService {

    /** A policy as an admin edits it. */
    /** @param onHost with a Git host, its branch protection decides instead (null: no) */
    public record Draft(int requiredApprovals, Role approverRole, String approverTeam, boolean requireAdmin, @org.jspecify.annotations.Nullable Boolean onHost) {
        public Draft(int requiredApprovals, Role approverRole, String approverTeam, boolean requireAdmin) {
            this(requiredApprovals, approverRole, approverTeam, requireAdmin, null);
        }
    }

    private final ApprovalPolicies policies;
    private final EnvironmentService environments;
    private final CurrentUser currentUser;

    ApprovalPolicyService(ApprovalPolicies policies, EnvironmentService environments, CurrentUser currentUser) {
        this.policies = policies;
        this.environments = environments;
        this.currentUser = currentUser;
    }

    /** Each environment's policy, in environment order (the default for those without their own). */
    public List<ApprovalPolicy> all() {
        currentUser.require(Role.VIEWER);
        return policies.all();
    }

    public ApprovalPolicy get(String environment) {
        currentUser.require(Role.VIEWER);
        environments.get(environment);
        return policies.all().stream().filter(p -> p.environment().equals(environment)).findFirst().orElseThrow();
    }

    /** Proposes the environment's new policy (ADMIN): the change request's id. */
    public long propose(String environment, Draft draft, Proposal proposal) {
        currentUser.require(Role.ADMIN);
        return environments.proposeApprovals(environment, new EnvironmentDefinition.Approvals(draft.requiredApprovals(),
                draft.approverRole() == null ? null : draft.approverRole().name(), draft.approverTeam(), draft.requireAdmin(),
                Boolean.TRUE.equals(draft.onHost())), proposal);
    }
}
