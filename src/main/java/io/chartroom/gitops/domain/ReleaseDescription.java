package io.chartroom.gitops.domain;

import java.util.Collections;
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
 * @param chartVersions     per environment, a chart version other than the base's {@code chart.version()}: an upgrade
 *                          being tried in one environment before it is promoted to the next
 */
public record ReleaseDescription(
        String name,
        String namespace,
        String team,
        ChartReference chart,
        List<String> environments,
        String baseValues,
        Map<String, String> environmentValues,
        Map<String, String> chartVersions) {

    public ReleaseDescription {
        environments = List.copyOf(environments);
        environmentValues = environmentValues == null ? Map.of() : new TreeMap<>(environmentValues);
        baseValues = baseValues == null ? "" : baseValues;
        TreeMap<String, String> versions = new TreeMap<>();
        if (chartVersions != null) {
            // an override that names the base's version, or an environment the release does not run in, says nothing:
            // not kept, so that a release has one spelling
            for (Map.Entry<String, String> e : chartVersions.entrySet()) {
                if (e.getValue() != null && !e.getValue().equals(chart.version()) && environments.contains(e.getKey())) {
                    versions.put(e.getKey(), e.getValue());
                }
            }
        }
        chartVersions = Collections.unmodifiableSortedMap(versions);
    }

    /** A release with one chart version in every environment. */
    public ReleaseDescription(String name, String namespace, String team, ChartReference chart, List<String> environments,
                              String baseValues, Map<String, String> environmentValues) {
        this(name, namespace, team, chart, environments, baseValues, environmentValues, Map.of());
    }

    /** The chart version an environment runs: its own, else the base's. */
    public String versionFor(String environment) {
        return chartVersions.getOrDefault(environment, chart.version());
    }

    /** The chart an environment runs, with its version. */
    public ChartReference chartFor(String environment) {
        return chart.withVersion(versionFor(environment));
    }

    /** The chart version as people read it: "1.2.0", or "1.2.0 (dev 1.3.0)" while an environment runs another. */
    public String versionText() {
        if (chartVersions.isEmpty()) {
            return chart.version();
        }
        StringBuilder text = new StringBuilder(chart.version()).append(" (");
        chartVersions.forEach((env, version) -> text.append(text.charAt(text.length() - 1) == '(' ? "" : ", ").append(env).append(' ').append(version));
        return text.append(')').toString();
    }

    /** The same release with other chart versions per environment. */
    public ReleaseDescription withChartVersions(Map<String, String> versions) {
        return new ReleaseDescription(name, namespace, team, chart, environments, baseValues, environmentValues, versions);
    }

    public String valuesFor(String environment) {
        return environmentValues.getOrDefault(environment, "");
    }
}
