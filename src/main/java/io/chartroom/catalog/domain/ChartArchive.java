package io.chartroom.catalog.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What Chartroom read out of one chart archive (identified by its SHA-256 digest).
 *
 * @param requirementsYaml an apiVersion v1 chart's requirements.yaml (its dependencies), or null
 * @param lockYaml         Chart.lock or requirements.lock (the versions its author pinned), or null
 * @param readVersion      what the reading covered: archives read before requirements and locks were (1) are read again
 */
public record ChartArchive(
        String digest,
        long sizeBytes,
        @Nullable String chartYaml,
        @Nullable String valuesYaml,
        @Nullable String valuesSchema,
        @Nullable String readme,
        List<String> vendored,
        Instant fetchedAt,
        @Nullable String requirementsYaml,
        @Nullable String lockYaml,
        int readVersion) {

    /** The reading this version of Chartroom makes of an archive. */
    public static final int CURRENT_READ = 2;

    public boolean hasSchema() {
        return valuesSchema != null && !valuesSchema.isBlank();
    }
}
