package io.chartroom.environments.service;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.UserText;
import io.chartroom.base.kube.KubernetesVersion;
import io.chartroom.clusters.domain.LabelSelector;
import io.chartroom.environments.domain.Environment;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What environments.yaml becomes after an admin's edit: the draft checked (name, selector, version, description,
 * place), and the list in its new order. Pure: proposing it is the service's business.
 */
final class EnvironmentChanges {

    /** The list with a new environment at its position (the end when none is given). */
    List<EnvironmentDefinition> created(List<Environment> now, EnvironmentService.Draft draft) {
        validate(draft);
        EnvironmentDefinition added = EnvironmentDefinition.of(draft.name(), Objects.requireNonNullElse(draft.description(), "").strip(),
                draft.clusterSelector().strip(), kubeVersion(draft.kubeVersion()), draft.selfHeal() == null || draft.selfHeal(),
                Boolean.TRUE.equals(draft.pruneCrds()), EnvironmentDefinition.Approvals.DEFAULT);
        List<EnvironmentDefinition> next = new ArrayList<>(now.stream().map(Environment::definition).toList());
        next.add(index(draft.position(), next.size()), added);
        return next;
    }

    /** The list with an environment changed (settings a draft leaves out keep their value) and moved to its position. */
    List<EnvironmentDefinition> updated(List<Environment> now, Environment old, EnvironmentService.Draft draft) {
        EnvironmentService.Draft full = new EnvironmentService.Draft(old.name(), draft.position(),
                draft.description() == null ? old.description() : draft.description(),
                draft.clusterSelector() == null ? old.clusterSelector() : draft.clusterSelector(),
                draft.kubeVersion() == null ? old.kubeVersion() : draft.kubeVersion(), draft.selfHeal(), draft.pruneCrds());
        validate(full);
        EnvironmentDefinition changed = new EnvironmentDefinition(old.name(), full.description().strip(), full.clusterSelector().strip(),
                kubeVersion(full.kubeVersion()), draft.selfHeal() == null ? old.selfHeal() : draft.selfHeal(),
                draft.pruneCrds() == null ? old.pruneCrds() : draft.pruneCrds(), old.approvals());
        List<EnvironmentDefinition> next = new ArrayList<>(now.stream().filter(e -> !e.name().equals(old.name())).map(Environment::definition)
                .toList());
        next.add(draft.position() == null ? old.position() - 1 : index(draft.position(), next.size()), changed);
        return next;
    }

    /** An approval policy as an admin enters it, checked. */
    EnvironmentDefinition.Approvals validApprovals(EnvironmentDefinition.Approvals a) {
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        if (a.required() < 0 || a.required() > 9) {
            problems.add(new InvalidInputException.Problem("requiredApprovals", "between 0 and 9"));
        }
        if (!"APPROVER".equals(a.role()) && !"ADMIN".equals(a.role())) {
            problems.add(new InvalidInputException.Problem("approverRole", "APPROVER or ADMIN"));
        }
        String team = a.team() == null || a.team().isBlank() ? null : a.team().strip();
        if (team != null && !team.equals(EnvironmentDefinition.Approvals.OWNER_TEAM) && !team.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            problems.add(new InvalidInputException.Problem("approverTeam", "a team name (lowercase letters, digits, dashes), "
                    + EnvironmentDefinition.Approvals.OWNER_TEAM + " for the owning team, or empty for any"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new EnvironmentDefinition.Approvals(a.required(), a.role(), team, a.admin(), a.onHost());
    }

    private static int index(Integer position, int size) {
        return position == null ? size : Math.max(0, Math.min(size, position - 1));
    }

    private static String kubeVersion(String version) {
        return KubernetesVersion.parse(version).toString();
    }

    private static void validate(EnvironmentService.Draft d) {
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        if (d.name() == null || !EnvironmentsLayout.NAME.matcher(d.name()).matches()) {
            problems.add(new InvalidInputException.Problem("name", "use lowercase letters, digits and dashes (1-30 characters)"));
        }
        try {
            LabelSelector.parse(d.clusterSelector());
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidInputException.Problem("clusterSelector", e.getMessage()));
        }
        if (!KubernetesVersion.isWritten(d.kubeVersion())) {
            problems.add(new InvalidInputException.Problem("kubeVersion", "a Kubernetes version such as 1.31 or v1.31.2"));
        }
        if (d.description() != null) {
            try {
                UserText.singleLine("description", d.description(), UserText.SHORT);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
            if (d.description().contains("{{") || d.description().contains("}}")) {
                problems.add(new InvalidInputException.Problem("description", "must not hold {{ or }} (template markers)"));
            }
        }
        if (d.position() != null && d.position() < 1) {
            problems.add(new InvalidInputException.Problem("position", "from 1 (the first environment)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
