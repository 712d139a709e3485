package io.chartroom.catalog.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One chart version read from a repository index (or an OCI manifest), ready to be staged.
 *
 * @param metadataJson the {@link VersionMetadata} as JSON
 * @param entryHash    SHA-256 over the entry, so that an unchanged version is skipped
 * @param semver       the version's parts for ordering (major, minor, patch, prerelease or null)
 */
public record IndexEntry(
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
        @Nullable String home,
        @Nullable String icon,
        List<String> keywords,
        String metadataJson,
        String entryHash,
        SemverParts semver) {

    /** The parts of a semantic version that order versions. */
    public record SemverParts(int major, int minor, int patch, @Nullable String prerelease) {}
}
