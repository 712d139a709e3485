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
 * @param environmentChartVersionIds per environment, the catalog's id of a version of the same chart that the
 *                                   environment runs instead of {@code chartVersionId}
 */
public record ReleaseDraft(
        String name,
        String namespace,
        String team,
        long chartVersionId,
        List<String> environments,
        String baseValues,
        Map<String, String> environmentValues,
        Map<String, Long> environmentChartVersionIds) {

    public ReleaseDraft {
        environments = environments == null ? List.of() : List.copyOf(environments);
        environmentValues = environmentValues == null ? Map.of() : new TreeMap<>(environmentValues);
        baseValues = baseValues == null ? "" : baseValues;
        environmentChartVersionIds = environmentChartVersionIds == null ? Map.of() : new TreeMap<>(environmentChartVersionIds);
    }

    /** A draft with one chart version in every environment. */
    public ReleaseDraft(String name, String namespace, String team, long chartVersionId, List<String> environments,
                        String baseValues, Map<String, String> environmentValues) {
        this(name, namespace, team, chartVersionId, environments, baseValues, environmentValues, Map.of());
    }

    /** The catalog's id of the chart version an environment runs. */
    public long chartVersionIdFor(String environment) {
        return environmentChartVersionIds.getOrDefault(environment, chartVersionId);
    }

    /** The same draft with another base chart version, keeping each environment's own. */
    public ReleaseDraft withChartVersionId(long versionId) {
        return new ReleaseDraft(name, namespace, team, versionId, environments, baseValues, environmentValues, environmentChartVersionIds);
    }

    /** A release description as a draft, its chart being the catalog's version {@code chartVersionId}. */
    public static ReleaseDraft of(ReleaseDescription release, long chartVersionId, Map<String, Long> environmentChartVersionIds) {
        return new ReleaseDraft(release.name(), release.namespace(), release.team(), chartVersionId, release.environments(),
                release.baseValues(), release.environmentValues(), environmentChartVersionIds);
    }
}
