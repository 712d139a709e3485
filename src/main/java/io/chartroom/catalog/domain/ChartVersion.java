package io.chartroom.catalog.domain;

import java.time.Instant;
import java.util.List;

/** One version of a chart, as the repository's index describes it. */
public record ChartVersion(
        long id,
        long chartId,
        String chart,
        String version,
        String appVersion,
        String description,
        Instant created,
        String digest,
        List<String> urls,
        String kubeVersion,
        String apiVersion,
        boolean deprecated,
        VersionMetadata metadata) {

    public boolean isPrerelease() {
        return version.contains("-");
    }
}
