package io.chartroom.catalog.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One version of a chart, as the repository's index describes it. */
public record ChartVersion(
        long id,
        long chartId,
        String chart,
        String version,
        @Nullable String appVersion,
        @Nullable String description,
        @Nullable Instant created,
        @Nullable String digest,
        List<String> urls,
        @Nullable String kubeVersion,
        @Nullable String apiVersion,
        boolean deprecated,
        VersionMetadata metadata) {

    public boolean isPrerelease() {
        return version.contains("-");
    }
}
