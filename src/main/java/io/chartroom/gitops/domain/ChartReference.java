package io.chartroom.gitops.domain;

/**
 * The chart a release runs: repository (as registered in Chartroom, with its URL for helmfile), chart name
 * and exact version.
 */
public record ChartReference(String repository, String repositoryUrl, boolean oci, String chart, String version) {

    public ChartReference withVersion(String other) {
        return other.equals(version) ? this : new ChartReference(repository, repositoryUrl, oci, chart, other);
    }
}
