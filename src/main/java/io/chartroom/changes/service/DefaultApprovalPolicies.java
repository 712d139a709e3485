package io.chartroom.changes.service;

import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.domain.ApprovalPolicyRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.environments.service.EnvironmentDefaultsCreated;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the embedded default's environments were just created in an empty repository: production needs two
 * approvals. Never for a repository that had content.
 */
@Component
class DefaultApprovalPolicies {

    private final ApprovalPolicyRepository policies;
    private final Clock clock;

    DefaultApprovalPolicies(ApprovalPolicyRepository policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    @EventListener
    void onDefaultEnvironments(EnvironmentDefaultsCreated created) {
        if (policies.findAll().isEmpty()) {
            policies.save(new ApprovalPolicy("production", 2, Role.APPROVER, null, false, clock.instant(), "system"));
        }
    }
}
