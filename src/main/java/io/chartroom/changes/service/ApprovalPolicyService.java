package io.chartroom.changes.service;

import io.chartroom.base.event.Audited;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.domain.ApprovalPolicyRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import io.chartroom.environments.service.EnvironmentService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The approval policy of each environment: everyone sees them, ADMINs change them (audited). */
@Service
public class ApprovalPolicyService {

    /** A policy as an admin edits it. */
    public record Draft(int requiredApprovals, Role approverRole, String approverTeam, boolean requireAdmin) {}

    private final ApprovalPolicyRepository policies;
    private final EnvironmentService environments;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ApprovalPolicyService(ApprovalPolicyRepository policies, EnvironmentService environments, CurrentUser currentUser,
                                 ApplicationEventPublisher events, Clock clock) {
        this.policies = policies;
        this.environments = environments;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** Each environment's policy, in environment order (the default for those without their own). */
    public List<ApprovalPolicy> all() {
        currentUser.require(Role.VIEWER);
        Map<String, ApprovalPolicy> own = policies.findAll().stream().collect(Collectors.toMap(ApprovalPolicy::environment, Function.identity()));
        List<ApprovalPolicy> result = new ArrayList<>();
        environments.list().forEach(e -> result.add(own.getOrDefault(e.name(), ApprovalPolicy.defaultFor(e.name()))));
        return result;
    }

    public ApprovalPolicy get(String environment) {
        currentUser.require(Role.VIEWER);
        environments.get(environment);
        return policies.find(environment).orElse(ApprovalPolicy.defaultFor(environment));
    }

    @Transactional
    @Audited(value = "approval_policy.changed", targetType = "environment")
    public ApprovalPolicy update(String environment, Draft draft) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        environments.get(environment);
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        if (draft.requiredApprovals() < 0 || draft.requiredApprovals() > 10) {
            problems.add(new InvalidInputException.Problem("requiredApprovals", "between 0 and 10"));
        }
        if (draft.approverRole() != Role.APPROVER && draft.approverRole() != Role.ADMIN) {
            problems.add(new InvalidInputException.Problem("approverRole", "APPROVER or ADMIN"));
        }
        String team = draft.approverTeam() == null || draft.approverTeam().isBlank() ? null : draft.approverTeam().strip();
        if (team != null && !team.equals(ApprovalPolicy.OWNER_TEAM) && !team.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            problems.add(new InvalidInputException.Problem("approverTeam", "a team name, " + ApprovalPolicy.OWNER_TEAM + " for the owning team, or empty for any"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        ApprovalPolicy policy = new ApprovalPolicy(environment, draft.requiredApprovals(), draft.approverRole(), team,
                draft.requireAdmin(), clock.instant(), admin.username());
        policies.save(policy);
        events.publishEvent(AuditEntry.of("approval_policy.changed", admin.username()).target("environment", environment)
                .environment(environment).detail("policy", policy.describe()).build());
        return policy;
    }
}
