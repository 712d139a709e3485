package io.chartroom.adoption.helmfile;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A helmfile repository as read: its environments (with the {@code kubeContext} each names, a hint for its cluster
 * selector), each environment's releases, the chart repositories it names, and every problem by file and line.
 */
public record HelmfileRead(List<Environment> environments, List<Release> releases, Map<String, String> repositories,
                           List<HelmfileProblem> problems) {

    public record Environment(String name, @Nullable String kubeContext, Map<String, Object> values) {}

    /** One release in one environment; {@code values}: its values files and inline values merged in order, {@code set} applied. */
    public record Release(String environment, String name, String namespace, String chart, @Nullable String version, boolean installed,
                          Map<String, String> labels, Map<String, Object> values, List<String> needs, String file) {}

    public boolean readable() {
        return problems.stream().noneMatch(p -> p.kind() == HelmfileProblem.Kind.ERROR);
    }
}
