package io.chartroom.catalog.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    /** How pickers list it: "1.3.0 · app 2.5.0 · 2026-10-20 · pre-release". */
    public String label() {
        return version + (appVersion == null ? "" : " · app " + appVersion)
                + (created == null ? "" : " · " + DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(created))
                + (isPrerelease() ? " · pre-release" : "");
    }
}
