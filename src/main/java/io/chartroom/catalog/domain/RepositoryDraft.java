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
        // a mirrored URL copied with its index.yaml names the repository as dependencies do: without it
        aliases = aliases == null ? List.of() : aliases.stream().map(a -> a == null ? "" : withoutIndexYaml(a)).toList();
        authType = authType == null ? RepositoryAuth.NONE : authType;
        type = type == null ? RepositoryType.HTTP : type;
        if (type == RepositoryType.HTTP && url != null) {
            url = withoutIndexYaml(url);
        }
        syncInterval = syncInterval == null ? Duration.ofHours(1) : syncInterval;
    }

    /** https://host/charts/index.yaml names the repository https://host/charts/, as helm repo add takes it. */
    private static String withoutIndexYaml(String url) {
        String stripped = url.strip();
        String lower = stripped.toLowerCase(java.util.Locale.ROOT);
        return (lower.startsWith("http://") || lower.startsWith("https://")) && lower.endsWith("/index.yaml")
                ? stripped.substring(0, stripped.length() - "index.yaml".length()) : url;
    }
}
