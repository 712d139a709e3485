package io.chartroom.releases.service;

import java.util.List;

/**
 * What a conversion to Chartroom's layout would change on the clusters: each release in each environment
 * rendered the helmfile way (main before) and the Chartroom way (the change request's head). Adoption
 * provides it, so that change requests do not depend on reading helmfile.
 */
public interface ConversionComparisons {

    /**
     * One release in one environment: the values Helm gets each way (as YAML) and the rendered targets each way
     * (one per group of clusters that share a Kubernetes version).
     */
    record Pair(String release, String environment, String helmfileValues, String chartroomValues, List<RenderedTarget> helmfile,
                List<RenderedTarget> chartroom) {}

    /** {@code problems}: what kept a side from being compared at all (a file that no longer reads), by file and line. */
    record Comparison(List<Pair> pairs, List<String> problems) {}

    /** Every release of the helmfile at {@code base}, or only those named (as Chartroom names them) when given. */
    Comparison compare(String base, String head, java.util.@org.jspecify.annotations.Nullable Set<String> only);
}
