package io.chartroom.changes.service;

import io.chartroom.base.database.DatabaseMode;
import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.domain.ApprovalPolicyRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.SystemActor;
import io.chartroom.values.service.EnvironmentService;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** On the embedded default's first start, after its environments: production needs two approvals. */
@Component
class DefaultApprovalPolicies {

    private final ApprovalPolicyRepository policies;
    private final EnvironmentService environments;
    private final DatabaseMode databaseMode;
    private final SystemActor system;
    private final Clock clock;

    DefaultApprovalPolicies(ApprovalPolicyRepository policies, EnvironmentService environments, DatabaseMode databaseMode,
                            SystemActor system, Clock clock) {
        this.policies = policies;
        this.environments = environments;
        this.databaseMode = databaseMode;
        this.system = system;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    void createOnFirstStart() {
        if (!databaseMode.embedded() || !policies.findAll().isEmpty()
                || system.call(environments::list).stream().noneMatch(e -> e.name().equals("production"))) {
            return;
        }
        policies.save(new ApprovalPolicy("production", 2, Role.APPROVER, null, false, clock.instant(), "system"));
    }
}
