package io.chartroom.gitops.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A release as the GitOps repository holds it: where it runs, which chart, and its values per layer, as the
 * YAML text users wrote (comments kept).
 *
 * @param environments      the environments it runs in, in the portal's environment order
 * @param baseValues        values for every environment (YAML)
 * @param environmentValues per environment, only what differs from the base (YAML); absent when nothing does
 */
public record ReleaseDescription(
        String name,
        String namespace,
        String team,
        ChartReference chart,
        List<String> environments,
        String baseValues,
        Map<String, String> environmentValues) {

    public ReleaseDescription {
        environments = List.copyOf(environments);
        environmentValues = environmentValues == null ? Map.of() : new TreeMap<>(environmentValues);
        baseValues = baseValues == null ? "" : baseValues;
    }

    public String valuesFor(String environment) {
        return environmentValues.getOrDefault(environment, "");
    }
}
