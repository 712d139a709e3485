package io.chartroom.clusters.domain;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Helm release found on a cluster, as Helm keeps it in its release Secret ({@code sh.helm.release.v1.<name>.v<revision>}):
 * its latest revision's chart, status, the values the user supplied ({@code config}) and the manifest Helm applied.
 * {@code values} may hold secrets: it is read for an import and never shown.
 */
public record HelmRelease(String name, String namespace, int revision, String status, String chart, String chartVersion,
                          @Nullable String appVersion, @Nullable Instant lastDeployed, Map<String, Object> values, String manifest) {

    /** What may be shown of it: everything but the values and the manifest. */
    public record Summary(String name, String namespace, int revision, String status, String chart, String chartVersion,
                          @Nullable String appVersion, @Nullable Instant lastDeployed, int valueCount) {}

    public Summary summary() {
        return new Summary(name, namespace, revision, status, chart, chartVersion, appVersion, lastDeployed, values.size());
    }

    @Override
    public String toString() {
        return "HelmRelease[" + namespace + "/" + name + " v" + revision + " " + chart + "-" + chartVersion + " " + status + "]"; // never the values
    }
}
