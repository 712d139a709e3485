package io.chartroom.catalog.domain;

import java.time.Duration;
import java.util.List;

/**
 * What an admin enters to register or change a repository. {@code secret} is the plain password or token,
 * or null to keep the stored one when editing.
 */
public record RepositoryDraft(
        String name,
        RepositoryType type,
        String url,
        List<String> ociCharts,
        RepositoryAuth authType,
        String username,
        String secret,
        String caCertificate,
        boolean plainHttp,
        List<String> aliases,
        Duration syncInterval) {

    public RepositoryDraft {
        ociCharts = ociCharts == null ? List.of() : List.copyOf(ociCharts);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        authType = authType == null ? RepositoryAuth.NONE : authType;
        type = type == null ? RepositoryType.HTTP : type;
        // https://host/charts/index.yaml names the repository https://host/charts/, as helm repo add takes it
        if (type == RepositoryType.HTTP && url != null && url.strip().toLowerCase(java.util.Locale.ROOT).endsWith("/index.yaml")) {
            url = url.strip().substring(0, url.strip().length() - "index.yaml".length());
        }
        syncInterval = syncInterval == null ? Duration.ofHours(1) : syncInterval;
    }
}
