package io.chartroom.changes.service;

import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.domain.ApprovalPolicyRepository;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.environments.domain.Environment;
import io.chartroom.environments.service.EnvironmentService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which approval policy applies where: an environment's as main's environments.yaml says, else as the database
 * said before the file held approvals, else the default (one APPROVER); a change of environments.yaml itself
 * is approved under the built-in policy (one ADMIN who authored none of it). No caller check: callers check.
 */
@Component
class ApprovalPolicies {

    private final EnvironmentService environments;
    private final ApprovalPolicyRepository legacy;
    private final io.chartroom.githost.service.PullRequests pullRequests;

    ApprovalPolicies(EnvironmentService environments, ApprovalPolicyRepository legacy, io.chartroom.githost.service.PullRequests pullRequests) {
        this.environments = environments;
        this.legacy = legacy;
        this.pullRequests = pullRequests;
    }

    /** Each environment's policy on main, in environment order. */
    List<ApprovalPolicy> all() {
        Map<String, ApprovalPolicy> before = null;
        List<ApprovalPolicy> result = new java.util.ArrayList<>();
        for (Environment e : environments.list()) {
            if (e.approvals() != null) {
                result.add(ApprovalPolicy.of(e.name(), e.approvals()));
                continue;
            }
            if (before == null) {
                before = new HashMap<>();
                for (ApprovalPolicy p : legacy.findAll()) {
                    before.put(p.environment(), p);
                }
            }
            result.add(before.getOrDefault(e.name(), ApprovalPolicy.defaultFor(e.name())));
        }
        return result;
    }

    /** The policies a change request is approved under, by what each applies to. */
    Map<String, ApprovalPolicy> applicable(ChangeRequest cr) {
        Map<String, ApprovalPolicy> result = new LinkedHashMap<>();
        if (cr.changesEnvironments() || cr.convertsRepository()) {
            // a conversion rewrites environments.yaml with everything else: the same built-in policy
            result.put(ApprovalPolicy.ENVIRONMENTS_FILE, ApprovalPolicy.forEnvironmentsFile());
            return result;
        }
        Map<String, ApprovalPolicy> byEnvironment = new HashMap<>();
        List<ApprovalPolicy> policies = all();
        // the host is asked only when some environment defers to it
        boolean host = policies.stream().anyMatch(ApprovalPolicy::onHost) && pullRequests.hostConfigured();
        policies.forEach(p -> byEnvironment.put(p.environment(), host && p.onHost() ? p.deferredToHost() : p));
        cr.environments().forEach(env -> result.put(env, byEnvironment.getOrDefault(env, ApprovalPolicy.defaultFor(env))));
        return result;
    }
}
