package io.chartroom.changes.service;

import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.error.UserText;
import io.chartroom.changes.domain.Approval;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.changes.domain.ChangeRequestState;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * What a merge must pass, wherever it is made (here, or on the Git host through its API): open, the caller may
 * merge, the checks pass, and the approval policy is met or an ADMIN overrides it with a reason.
 */
@Component
class MergeGate {

    /** A change request that may be merged now, with the approvals that count and the override, if any. */
    record Mergeable(ChangeRequest cr, List<Approval> approvals, PolicyStatus policy, @Nullable String override) {
        boolean alreadyMerged() {
            return cr.state() == ChangeRequestState.MERGED;
        }

        /** Whether an environment's approvals are the Git host's to give. */
        boolean decidedByHost() {
            return policy.environments().stream().anyMatch(e -> e.policy().decidedByHost());
        }

        String approvedBy() {
            return approvals.stream().filter(a -> a.active() && a.headCommit().equals(cr.headCommit()))
                    .map(Approval::approver).reduce((a, b) -> a + ", " + b).orElse("nobody");
        }
    }

    private final ChangeRequestRepository changeRequests;
    private final ApprovalPolicies policies;

    MergeGate(ChangeRequestRepository changeRequests, ApprovalPolicies policies) {
        this.changeRequests = changeRequests;
        this.policies = policies;
    }

    /** Locks the change request's row (the caller's transaction) and checks it; one already merged passes as it is. */
    Mergeable check(long id, UserIdentity user, @Nullable String overrideReason) {
        ChangeRequest cr = changeRequests.lock(id).orElseThrow(() -> new NotFoundException("change request #" + id + " does not exist"));
        if (cr.state() == ChangeRequestState.MERGED) {
            return new Mergeable(cr, List.of(), new PolicyStatus(List.of()), null);
        }
        if (!cr.open()) {
            throw new ConflictException("change request #" + id + " is closed; reopen it first");
        }
        if (!user.hasRole(Role.APPROVER) && (cr.team() == null || !user.inTeam(cr.team()))) {
            throw new AccessDeniedException(user.username() + " may not merge: it takes an APPROVER"
                    + (cr.team() == null ? "" : " or a developer of team " + cr.team()));
        }
        ChangeReview review = changeRequests.review(id).orElseThrow();
        if (!review.checksPass()) {
            throw new ConflictException("the checks fail: " + review.checks().stream()
                    .filter(c -> c.status() == ChangeReview.CheckStatus.FAILED).map(c -> c.name() + " (" + c.summary() + ")")
                    .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        List<Approval> approvals = changeRequests.approvals(id);
        PolicyStatus policy = ApprovalRules.evaluate(cr, approvals, policies.applicable(cr));
        String override = null;
        if (!policy.met()) {
            if (overrideReason == null || overrideReason.isEmpty()) {
                throw new ConflictException("the approval policy is not met: " + String.join("; ", policy.missing()));
            }
            if (!user.hasRole(Role.ADMIN)) {
                throw new AccessDeniedException("only an ADMIN may merge without the approvals the policy asks for");
            }
            if (cr.convertsRepository()) {
                throw new ConflictException("a conversion of the repository is merged only with another ADMIN's approval: no override");
            }
            UserText.singleLine("overrideReason", overrideReason, UserText.SHORT);
            override = UserText.requireVisible("overrideReason", overrideReason, UserText.SHORT);
        }
        return new Mergeable(cr, approvals, policy, override);
    }
}
