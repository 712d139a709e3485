package io.chartroom.releases.service;

import io.chartroom.gitops.domain.ReleaseDescription;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A release being described: identity, chart version, environments, and values per layer as YAML text.
 *
 * @param chartVersionId     the catalog's id of the chart version
 * @param environmentValues  per environment, the override layer as the user wrote it
 */
public record ReleaseDraft(
        String name,
        String namespace,
        String team,
        long chartVersionId,
        List<String> environments,
        String baseValues,
        Map<String, String> environmentValues) {

    public ReleaseDraft {
        environments = environments == null ? List.of() : List.copyOf(environments);
        environmentValues = environmentValues == null ? Map.of() : new TreeMap<>(environmentValues);
        baseValues = baseValues == null ? "" : baseValues;
    }

    /** A release description as a draft, its chart being the catalog's version {@code chartVersionId}. */
    public static ReleaseDraft of(ReleaseDescription release, long chartVersionId) {
        return new ReleaseDraft(release.name(), release.namespace(), release.team(), chartVersionId, release.environments(),
                release.baseValues(), release.environmentValues());
    }
}
