package io.chartroom.adoption.service;

import io.chartroom.adoption.helmfile.HelmfileProblem;
import io.chartroom.adoption.helmfile.ReleaseMapping;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.releases.service.ConversionComparisons;
import io.chartroom.releases.service.ReleaseRenderer;
import io.chartroom.releases.service.RenderedManifests;
import io.chartroom.releases.service.RenderedTarget;
import io.chartroom.releases.values.ValuesYaml;
import io.chartroom.render.service.RenderService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Renders a conversion both ways: each release of the helmfile at {@code base} with the values helmfile gives it,
 * and the same release as the change request's head writes it (base and environment layers merged), for every
 * environment it runs in and every group of that environment's clusters (by Kubernetes version) at the head.
 * Values are compared in key order, so that the same values make the same render (and the render cache's).
 */
@Component
class ConversionComparer implements ConversionComparisons {

    private final HelmfileReading reading;
    private final GitOpsRepository gitops;
    private final EnvironmentService environments;
    private final ReleaseRenderer renderer;

    ConversionComparer(HelmfileReading reading, GitOpsRepository gitops, EnvironmentService environments, ReleaseRenderer renderer) {
        this.reading = reading;
        this.gitops = gitops;
        this.environments = environments;
        this.renderer = renderer;
    }

    @Override
    public Comparison compare(String base, String head, @Nullable Set<String> only) {
        HelmfileReading.Result helmfile = reading.read(base, true);
        List<String> problems = new ArrayList<>();
        helmfile.problems().stream().filter(p -> p.kind() != HelmfileProblem.Kind.WARNING).forEach(p -> problems.add(p.toString()));
        Map<String, EnvironmentService.Targets> targets = new LinkedHashMap<>();
        environments.targetsAt(head).forEach(t -> targets.put(t.environment().name(), t));
        List<Pair> pairs = new ArrayList<>();
        Set<String> converted = new TreeSet<>();
        for (ReleaseMapping.Proposed proposed : helmfile.mapped().releases()) {
            if (only != null && !only.contains(proposed.name())) {
                continue;
            }
            Optional<ReleaseDescription> written = gitops.release(head, proposed.name());
            if (written.isEmpty()) {
                problems.add("release " + proposed.name() + " (" + proposed.file() + ") is not in the converted layout");
                continue;
            }
            converted.add(proposed.name());
            for (String environment : proposed.environments()) {
                EnvironmentService.Targets where = targets.get(environment);
                if (where == null || !written.get().environments().contains(environment)) {
                    problems.add("release " + proposed.name() + " runs in " + environment + " in the helmfile, not in the converted layout");
                    continue;
                }
                pairs.add(pair(written.get(), environment, proposed, ConversionCharts.values(helmfile.read(), proposed, environment), where));
            }
        }
        gitops.releaseNames(head).stream().filter(name -> only == null && !converted.contains(name))
                .forEach(name -> problems.add("release " + name + " is in the converted layout but not in the helmfile"));
        return new Comparison(pairs, problems);
    }

    private Pair pair(ReleaseDescription written, String environment, ReleaseMapping.Proposed proposed, Map<String, Object> helmfileValues,
                      EnvironmentService.Targets where) {
        Map<String, Object> chartroomValues = sorted(renderer.mergedValues(written, environment));
        Map<String, Object> helmValues = sorted(helmfileValues);
        // the helmfile way: its own name, namespace and version, with the values helmfile merges for the environment
        String version = proposed.versions().getOrDefault(environment, written.versionFor(environment));
        ReleaseDescription asHelmfile = new ReleaseDescription(proposed.sources().get(environment), proposed.namespace(), written.team(),
                written.chart().withVersion(version), List.of(environment), "", Map.of());
        Map<String, List<String>> groups = new TreeMap<>();
        for (Cluster cluster : where.clusters()) {
            groups.computeIfAbsent(where.environment().kubeVersionOn(cluster), v -> new ArrayList<>()).add(cluster.name());
        }
        if (groups.isEmpty()) {
            groups.put(where.environment().kubeVersion(), List.of());
        }
        List<RenderedTarget> before = new ArrayList<>();
        List<RenderedTarget> after = new ArrayList<>();
        groups.forEach((kubeVersion, clusters) -> {
            before.add(target(environment, kubeVersion, clusters, asHelmfile, helmValues));
            after.add(target(environment, kubeVersion, clusters, written, chartroomValues));
        });
        return new Pair(written.name(), environment, ValuesYaml.dump(helmValues), ValuesYaml.dump(chartroomValues), before, after);
    }

    private RenderedTarget target(String environment, String kubeVersion, List<String> clusters, ReleaseDescription release, Map<String, Object> values) {
        RenderService.Outcome outcome = renderer.renderManifest(release, environment, kubeVersion, values, true);
        List<RenderedManifests.ManifestObject> objects = outcome.ok() ? RenderedManifests.split(outcome.manifest(), release.namespace()) : List.of();
        return new RenderedTarget(environment, kubeVersion, clusters, outcome.ok(), outcome.error(), objects, true, List.of(), outcome.millis(),
                outcome.cached());
    }

    /**
     * Where the two ways render differently, or a side does not render, by release, environment and Kubernetes version
     * (never with values); with what kept a release from being compared at all.
     */
    static List<String> differences(Comparison comparison) {
        List<String> found = new ArrayList<>(comparison.problems());
        for (Pair pair : comparison.pairs()) {
            for (RenderedTarget helmfile : pair.helmfile()) {
                String where = pair.release() + " in " + pair.environment() + " (Kubernetes " + helmfile.kubeVersion() + ")";
                RenderedTarget chartroom = pair.chartroom().stream().filter(t -> java.util.Objects.equals(t.kubeVersion(), helmfile.kubeVersion()))
                        .findFirst().orElse(null);
                if (!helmfile.ok() || chartroom == null || !chartroom.ok()) {
                    found.add(where + ": does not render " + (helmfile.ok() ? "as Chartroom reads it" : "the helmfile way: " + helmfile.error()));
                } else if (!yaml(helmfile).equals(yaml(chartroom))) {
                    found.add(where + ": renders other objects the helmfile way than as Chartroom reads it");
                }
            }
        }
        return found;
    }

    private static List<String> yaml(RenderedTarget target) {
        return target.objects().stream().map(RenderedManifests.ManifestObject::yaml).toList();
    }

    /** The values with every map's keys in order, so that equal values print, and render, alike. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> sorted(Map<String, Object> values) {
        Map<String, Object> sorted = new TreeMap<>();
        values.forEach((key, value) -> sorted.put(key, sortedValue(value)));
        return sorted;
    }

    @SuppressWarnings("unchecked")
    private static Object sortedValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return sorted((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConversionComparer::sortedValue).toList();
        }
        return value;
    }
}
