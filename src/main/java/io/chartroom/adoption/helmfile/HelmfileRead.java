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

    /**
     * One release in one environment; {@code values}: its values files and inline values merged in order, {@code set}
     * applied; {@code sources}: where they came from, in that order.
     */
    public record Release(String environment, String name, String namespace, String chart, @Nullable String version, boolean installed,
                          Map<String, String> labels, Map<String, Object> values, List<String> needs, String file,
                          List<ValuesSource> sources) {

        /**
         * The source whose value applies at the path, if any: the last that sets it, unless a later one sets a part
         * of the path to a list, a single value or null, which replaces everything under it (Helm merges maps only).
         */
        public java.util.Optional<ValuesSource> sourceOf(List<Object> path) {
            for (ValuesSource source : sources.reversed()) {
                for (int i = 1; i <= path.size(); i++) {
                    List<Object> part = path.subList(0, i);
                    if (io.chartroom.releases.values.ValuesTree.has(source.values(), part)
                            && (i == path.size() || !(io.chartroom.releases.values.ValuesTree.get(source.values(), part) instanceof Map<?, ?>))) {
                        return java.util.Optional.of(source);
                    }
                }
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * One entry of a release's values, in helmfile's order (a later one wins): a values file (templated if it is a
     * {@code .gotmpl}), values written in the helmfile, its {@code set:} entries, or an entry that could not be read.
     * {@code file}: the values file, else the helmfile; {@code line}: 1 for a file, else the line in the helmfile.
     */
    public record ValuesSource(Kind kind, String file, int line, Map<String, Object> values) {

        public enum Kind { FILE, TEMPLATED_FILE, INLINE, SET, UNREAD }
    }

    public boolean readable() {
        return problems.stream().noneMatch(p -> p.kind() == HelmfileProblem.Kind.ERROR);
    }
}
