package io.chartroom.catalog.domain;

import java.time.Instant;
import java.util.List;

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
        String appVersion,
        String description,
        Instant created,
        String digest,
        List<String> urls,
        String kubeVersion,
        String apiVersion,
        boolean deprecated,
        String home,
        String icon,
        List<String> keywords,
        String metadataJson,
        String entryHash,
        SemverParts semver) {

    /** The parts of a semantic version that order versions. */
    public record SemverParts(int major, int minor, int patch, String prerelease) {}
}
