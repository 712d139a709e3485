package io.chartroom.catalog.domain;

import java.time.Instant;
import java.util.List;

/** What Chartroom read out of one chart archive (identified by its SHA-256 digest). */
public record ChartArchive(
        String digest,
        long sizeBytes,
        String chartYaml,
        String valuesYaml,
        String valuesSchema,
        String readme,
        List<String> vendored,
        Instant fetchedAt) {

    public boolean hasSchema() {
        return valuesSchema != null && !valuesSchema.isBlank();
    }
}
