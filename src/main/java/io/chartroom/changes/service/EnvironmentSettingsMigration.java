package io.chartroom.changes.service;

import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.domain.ApprovalPolicyRepository;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeRequestQuery;
import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.changes.domain.ChangeRequestState;
import io.chartroom.environments.domain.Environment;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.SystemActor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The move of environment settings from the database into environments.yaml, for a portal that kept them in its
 * tables before (self-heal, CRD pruning, approval policies): at start, when main's file leaves any of them open,
 * Chartroom proposes one change request that writes them into the file as they apply now. Until it merges, the
 * tables' values go on applying (read only); nothing is written to main without review. Proposed once: not while
 * a change request of the environments is open.
 */
@Component
class EnvironmentSettingsMigration {

    static final String TITLE = "Carry the environments' settings into environments.yaml";
    private static final Logger log = LoggerFactory.getLogger(EnvironmentSettingsMigration.class);

    private final EnvironmentService environments;
    private final ApprovalPolicyRepository legacyPolicies;
    private final ChangeRequestRepository changeRequests;
    private final EnvironmentChangeRequests proposals;
    private final RepositoryCheck repositoryCheck;
    private final SystemActor system;

    EnvironmentSettingsMigration(EnvironmentService environments, ApprovalPolicyRepository legacyPolicies, ChangeRequestRepository changeRequests,
                                 EnvironmentChangeRequests proposals, RepositoryCheck repositoryCheck, SystemActor system) {
        this.environments = environments;
        this.legacyPolicies = legacyPolicies;
        this.changeRequests = changeRequests;
        this.proposals = proposals;
        this.repositoryCheck = repositoryCheck;
        this.system = system;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(2)
    void atStart() {
        system.run(() -> {
            try {
                proposeIfNeeded();
            } catch (RuntimeException e) {
                log.warn("Could not propose carrying the environments' settings into environments.yaml: {}", e.getMessage());
            }
        });
    }

    /** The change request's id, or -1 when nothing is left open (or one is open already, or main is not Chartroom's). */
    long proposeIfNeeded() {
        List<EnvironmentDefinition> written = environments.writtenOnMain();
        boolean open = written.stream().anyMatch(d -> d.selfHeal() == null || d.pruneCrds() == null || d.approvals() == null);
        if (!open || !repositoryCheck.onMain().readable() || environmentsChangeOpen()) {
            return -1;
        }
        Map<String, ApprovalPolicy> before = new HashMap<>();
        legacyPolicies.findAll().forEach(p -> before.put(p.environment(), p));
        List<EnvironmentDefinition> complete = environments.list().stream().map(e -> complete(e, before)).toList();
        long id = proposals.open(complete, TITLE, new Proposal(TITLE, "Environments and their approval policies now live only in "
                + "environments.yaml. This writes the settings that applied until now (from the portal's database where the file "
                + "did not say) into the file, so that nothing changes when it merges. Review and merge it (an ADMIN approves).", null),
                UserIdentity.SYSTEM).id();
        log.info("Proposed change request #{}: {}", id, TITLE);
        return id;
    }

    private static EnvironmentDefinition complete(Environment e, Map<String, ApprovalPolicy> before) {
        EnvironmentDefinition.Approvals approvals = e.approvals() != null ? e.approvals()
                : before.getOrDefault(e.name(), ApprovalPolicy.defaultFor(e.name())).approvals();
        return EnvironmentDefinition.of(e.name(), e.description(), e.clusterSelector(), e.kubeVersion(), e.selfHeal(), e.pruneCrds(), approvals);
    }

    private boolean environmentsChangeOpen() {
        return changeRequests.query(new ChangeRequestQuery(ChangeRequestState.OPEN, null, null, null), 0, 1000).stream()
                .anyMatch(cr -> cr.kind() == ChangeKind.ENVIRONMENTS);
    }
}
