package io.chartroom.releases.service;

import io.chartroom.base.kube.KubernetesVersion;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.releases.values.ValuesPaths;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What moving environments of a release to another version of its chart would break, before anything is proposed:
 * values the user set that the new version no longer has, and a {@code kubeVersion} constraint that an environment's
 * clusters do not meet. Blocking findings refuse the upgrade; the others are shown. New required values and schema
 * changes are the draft check's, which runs on the change request as on any other.
 */
@Component
public class UpgradeCheck {

    /** One thing found for an environment; {@code blocking} ones refuse the upgrade. */
    public record Finding(String environment, String location, String message, boolean blocking) {
        @Override
        public String toString() {
            return environment + (location.isEmpty() ? "" : " " + location) + ": " + message;
        }
    }

    /** The chart's own values.yaml of two versions, for a diff of the defaults an upgrade brings. */
    public record DefaultsChange(String from, String to, String valuesBefore, String valuesAfter) {}

    private final ReleaseCharts charts;
    private final EnvironmentService environments;

    UpgradeCheck(ReleaseCharts charts, EnvironmentService environments) {
        this.charts = charts;
        this.environments = environments;
    }

    /** Findings of {@code after} against {@code before}, for each environment whose chart version changes. */
    public List<Finding> check(ReleaseDescription before, ReleaseDescription after) {
        List<Finding> findings = new ArrayList<>();
        for (String environment : after.environments()) {
            String from = before.environments().contains(environment) ? before.versionFor(environment) : null;
            String to = after.versionFor(environment);
            if (to.equals(from)) {
                continue;
            }
            ChartInfo target = charts.info(charts.versionId(after.chartFor(environment)));
            kubeVersion(environment, target, findings);
            if (from != null) {
                ChartInfo current = charts.info(charts.versionId(before.chartFor(environment)));
                removedValues(after, environment, current, target, findings);
            }
        }
        return findings;
    }

    /** The environments whose chart version changes from {@code before} to {@code after}, in the release's order. */
    public static List<String> moved(ReleaseDescription before, ReleaseDescription after) {
        return after.environments().stream()
                .filter(env -> !before.environments().contains(env) || !before.versionFor(env).equals(after.versionFor(env))).toList();
    }

    /** The chart defaults of each version change among the environments, once per pair of versions. */
    public List<DefaultsChange> defaultsChanges(ReleaseDescription before, ReleaseDescription after) {
        Map<String, DefaultsChange> changes = new LinkedHashMap<>();
        for (String environment : moved(before, after)) {
            if (!before.environments().contains(environment)) {
                continue;
            }
            String from = before.versionFor(environment);
            String to = after.versionFor(environment);
            changes.computeIfAbsent(from + " -> " + to, k -> new DefaultsChange(from, to,
                    valuesYaml(charts.info(charts.versionId(before.chartFor(environment)))),
                    valuesYaml(charts.info(charts.versionId(after.chartFor(environment))))));
        }
        return List.copyOf(changes.values());
    }

    private static String valuesYaml(ChartInfo chart) {
        return chart.detail().archive() == null ? "" : chart.detail().archive().valuesYaml();
    }

    private void kubeVersion(String environment, ChartInfo target, List<Finding> findings) {
        String constraint = target.detail().version().kubeVersion();
        if (constraint == null || constraint.isBlank()) {
            return;
        }
        List<String> failing = new ArrayList<>();
        var versions = environments.targets(environment).kubeVersions();
        for (String version : versions) {
            try {
                if (!KubernetesVersion.parse(version).meets(constraint)) {
                    failing.add(version);
                }
            } catch (IllegalArgumentException unreadable) {
                findings.add(new Finding(environment, "kubeVersion", "cannot tell whether Kubernetes " + version + " meets "
                        + target.detail().chart().name() + " " + target.detail().version().version() + "'s kubeVersion: " + unreadable.getMessage(), false));
                return;
            }
        }
        if (!failing.isEmpty()) {
            boolean none = failing.size() == versions.size();
            findings.add(new Finding(environment, "kubeVersion", target.detail().chart().name() + " " + target.detail().version().version()
                    + " needs Kubernetes " + constraint + "; " + (none ? "no cluster of " + environment + " meets it" : "some clusters do not")
                    + " (" + String.join(", ", failing) + ")", none));
        }
    }

    /** Values the user set in this environment (base or its own layer) that the old version had and the new one lacks. */
    private static void removedValues(ReleaseDescription release, String environment, ChartInfo current, ChartInfo target,
                                      List<Finding> findings) {
        Map<String, Object> user = ValuesTree.layer(ValuesYaml.parse(release.baseValues(), "base"),
                ValuesYaml.parse(release.valuesFor(environment), environment));
        for (List<Object> path : ValuesTree.leafPaths(user)) {
            if (ValuesTree.has(current.defaults(), path) && !ValuesTree.has(target.defaults(), path)) {
                findings.add(new Finding(environment, ValuesPaths.text(path), "is set, but " + target.detail().chart().name() + " "
                        + target.detail().version().version() + " no longer has it (" + current.detail().version().version()
                        + " did); remove it before upgrading", true));
            }
        }
    }
}
