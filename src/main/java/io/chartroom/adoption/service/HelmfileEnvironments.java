package io.chartroom.adoption.service;

import io.chartroom.adoption.helmfile.HelmfileRead;
import io.chartroom.base.error.InvalidInputException.Problem;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A helmfile's environments as Chartroom's, with what the ADMIN gives for each (its clusters' label selector, and the
 * Kubernetes version to render with while it selects no cluster): for a conversion and for a kept layout alike.
 */
final class HelmfileEnvironments {

    static final String KUBE_VERSION = "1.31";

    private HelmfileEnvironments() {
    }

    /** Each helmfile environment, in its order, with the selector and Kubernetes version given for it. */
    static List<EnvironmentDefinition> of(HelmfileRead read, @Nullable Map<String, String> clusterSelectors, @Nullable Map<String, String> kubeVersions,
                                          List<Problem> problems) {
        Map<String, String> selectors = clusterSelectors == null ? Map.of() : clusterSelectors;
        Map<String, String> versions = kubeVersions == null ? Map.of() : kubeVersions;
        Map<String, EnvironmentDefinition> result = new LinkedHashMap<>();
        for (HelmfileRead.Environment e : read.environments()) {
            String selector = selectors.get(e.name());
            if (!EnvironmentsLayout.NAME.matcher(e.name()).matches()) {
                problems.add(new Problem("environments." + e.name(), "not a name Chartroom can take for an environment (lowercase letters, digits and '-', "
                        + "at most 30)"));
                continue;
            }
            if (selector == null || selector.isBlank()) {
                problems.add(new Problem("clusterSelectors." + e.name(), "the label selector of the clusters " + e.name() + " deploys to (such as env="
                        + e.name() + ")" + (e.kubeContext() == null ? "" : "; helmfile names the kubeContext " + e.kubeContext())));
                continue;
            }
            String description = "From helmfile" + (e.kubeContext() == null ? "" : " (kubeContext " + e.kubeContext() + ")");
            result.put(e.name(), EnvironmentDefinition.of(e.name(), description, selector.strip(), versions.getOrDefault(e.name(), KUBE_VERSION).strip(),
                    false, false, EnvironmentDefinition.Approvals.DEFAULT));
        }
        selectors.keySet().stream().filter(name -> read.environments().stream().noneMatch(e -> e.name().equals(name)))
                .forEach(name -> problems.add(new Problem("clusterSelectors." + name, "the helmfile has no environment " + name)));
        List<EnvironmentDefinition> list = List.copyOf(result.values());
        if (problems.isEmpty()) {
            try {
                EnvironmentsLayout.read(EnvironmentsLayout.write(list)); // a selector or version that would not read back
            } catch (RuntimeException e) {
                problems.add(new Problem("clusterSelectors", e.getMessage()));
            }
        }
        return list;
    }

}
