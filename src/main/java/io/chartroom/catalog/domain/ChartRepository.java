package io.chartroom.catalog.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A chart repository an admin registered. The credential itself never appears here: only whether one is
 * stored ({@link #hasSecret}); it is read, decrypted, only to authenticate a request.
 */
public record ChartRepository(
        long id,
        String name,
        RepositoryType type,
        String url,
        List<String> ociCharts,
        RepositoryAuth authType,
        String username,
        boolean hasSecret,
        String caCertificate,
        boolean plainHttp,
        List<String> aliases,
        Duration syncInterval,
        boolean bundled,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String indexDigest,
        String indexEtag,
        String indexLastModified,
        Instant nextSyncAt,
        Long lastSyncId) {

    /** The URL with a trailing slash, against which relative chart URLs resolve. */
    public String baseUrl() {
        return url.endsWith("/") ? url : url + "/";
    }
}
