package io.chartroom.catalog.domain;

import java.time.Instant;
import java.util.List;

/** A chart as the catalog lists it: its newest version's metadata. */
public record ChartSummary(
        long id,
        long repositoryId,
        String repository,
        String name,
        String description,
        String home,
        String icon,
        List<String> keywords,
        boolean deprecated,
        String latestVersion,
        String latestAppVersion,
        Instant latestCreated,
        int versionCount) {}
