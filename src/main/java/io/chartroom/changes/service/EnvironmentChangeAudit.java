package io.chartroom.changes.service;

import io.chartroom.base.event.AuditEntry;
import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.environments.domain.Environment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a merged change of environments.yaml did, environment by environment, for the audit log: created, changed
 * (which settings, from what to what), removed, and approval policies changed. Audited as whoever merged it, naming
 * the change request, so that an environment's history reads without opening change requests.
 */
final class EnvironmentChangeAudit {

    private EnvironmentChangeAudit() {}

    static List<AuditEntry> entries(List<Environment> before, List<Environment> after, String actor, long changeRequest) {
        Map<String, Environment> old = byName(before);
        Map<String, Environment> now = byName(after);
        List<AuditEntry> entries = new ArrayList<>();
        for (Environment e : after) {
            Environment was = old.get(e.name());
            if (was == null) {
                entries.add(entry("environment.created", actor, changeRequest, e.name()).detail("clusterSelector", e.clusterSelector())
                        .detail("position", e.position()).build());
                continue;
            }
            List<String> changed = new ArrayList<>();
            compare(changed, "position", was.position(), e.position());
            compare(changed, "description", was.description(), e.description());
            compare(changed, "clusterSelector", was.clusterSelector(), e.clusterSelector());
            compare(changed, "kubeVersion", was.kubeVersion(), e.kubeVersion());
            compare(changed, "selfHeal", was.selfHeal(), e.selfHeal());
            compare(changed, "pruneCrds", was.pruneCrds(), e.pruneCrds());
            if (!changed.isEmpty()) {
                entries.add(entry("environment.changed", actor, changeRequest, e.name()).detail("changes", changed).build());
            }
            if (!Objects.equals(was.approvals(), e.approvals()) && e.approvals() != null) {
                entries.add(entry("approval_policy.changed", actor, changeRequest, e.name())
                        .detail("policy", ApprovalPolicy.of(e.name(), e.approvals()).describe()).build());
            }
        }
        before.stream().filter(e -> !now.containsKey(e.name()))
                .forEach(e -> entries.add(entry("environment.removed", actor, changeRequest, e.name()).build()));
        return entries;
    }

    private static AuditEntry.Builder entry(String action, String actor, long changeRequest, String environment) {
        return AuditEntry.of(action, actor).target("environment", environment).environment(environment).changeRequest(changeRequest);
    }

    private static void compare(List<String> changed, String field, Object was, Object is) {
        if (!Objects.equals(was, is)) {
            changed.add(field + ": " + was + " -> " + is);
        }
    }

    private static Map<String, Environment> byName(List<Environment> environments) {
        Map<String, Environment> byName = new LinkedHashMap<>();
        environments.forEach(e -> byName.put(e.name(), e));
        return byName;
    }
}
