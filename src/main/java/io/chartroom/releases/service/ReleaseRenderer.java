package io.chartroom.releases.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.catalog.service.ChartArchiveService;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.releases.values.SchemaValidator;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import io.chartroom.render.service.GeneratedKeys;
import io.chartroom.render.service.RenderService;
import io.chartroom.render.service.UnreadableManifestException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Service;

/**
 * The one way a release is rendered, for the editor's preview (and the API's), a change request's review and the
 * reconciler: values merged as Helm merges them (chart defaults, then the base, then the environment), the chart
 * rendered and linted for an environment and a Kubernetes version on the render workers, and the Secret keys a
 * chart generates anew on every render.
 * <p>
 * No role is checked here: callers check who may (the draft service for the editor and the API, the change
 * requests' services for reviews, the reconciler runs as the system), so that the reconciler need not pass a
 * viewer's check. The catalog still checks VIEWER on its own lookups.
 */
@Service
public class ReleaseRenderer {

    private final ReleaseCharts charts;
    private final CatalogService catalog;
    private final EnvironmentService environments;
    private final RenderService render;
    private final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Charts ready for Helm by reference, briefly: the reconciler renders a thousand releases of one chart in a
     * pass, and looking the version up again for each costs more database time than the render. A version
     * removed from the catalog stops rendering within the expiry.
     */
    private final Cache<ChartReference, ChartArchiveService.PreparedChart> preparedCharts = Caffeine.newBuilder()
            .maximumSize(1024).expireAfterWrite(Duration.ofSeconds(10)).build();

    ReleaseRenderer(ReleaseCharts charts, CatalogService catalog, EnvironmentService environments, RenderService render) {
        this.charts = charts;
        this.catalog = catalog;
        this.environments = environments;
        this.render = render;
    }

    /** A release's values in an environment: base and environment layers merged, as Helm gets them. */
    public Map<String, Object> mergedValues(ReleaseDescription release, String environment) {
        return ValuesTree.layer(ValuesYaml.parse(release.baseValues(), "base"), ValuesYaml.parse(release.valuesFor(environment), environment));
    }

    /** An environment's values: base and environment layers merged, and on the chart's defaults; where it deploys. */
    static DraftCheck.EnvironmentCheck environmentValues(ChartInfo chart, String name, Map<String, Object> base,
                                                         Map<String, Object> layer, EnvironmentService.Targets targets) {
        Map<String, Object> userValues = ValuesTree.layer(base, layer);
        return new DraftCheck.EnvironmentCheck(name, ValuesTree.effective(chart.defaults(), userValues), userValues,
                targets.clusters().stream().map(c -> c.name()).toList(), List.copyOf(targets.kubeVersions()));
    }

    /** The chart's schema on an environment's effective values; a problem belongs to the layer that sets the value. */
    static List<DraftCheck.Problem> schemaProblems(ChartInfo chart, Map<String, Object> layer, DraftCheck.EnvironmentCheck values) {
        if (!chart.hasSchema()) {
            return List.of();
        }
        return SchemaValidator.validate(chart.detail().archive().valuesSchema(), values.effectiveValues()).stream()
                .map(p -> DraftCheck.Problem.error(ValuesTree.has(layer, p.path()) ? values.environment() : "base", p.pathText(), p.message()))
                .toList();
    }

    /**
     * Renders a release as a commit of the GitOps repository describes it (for reviews), in those of the given
     * environments it runs in. Unlike a draft, nothing about who may edit it is checked; a chart version that
     * left the catalog or values that do not parse come back as failed targets.
     */
    public ReleaseRendering render(ReleaseDescription release, List<String> environmentNames) {
        return render(release, environmentNames, Set.copyOf(environmentNames));
    }

    /**
     * As {@link #render(ReleaseDescription, List)}, with helm lint only in {@code lintIn}: a review lints only the
     * environments whose inputs change, and never the side that main already holds.
     */
    public ReleaseRendering render(ReleaseDescription release, List<String> environmentNames, Set<String> lintIn) {
        ReleaseDraft draft;
        ChartInfo chart;
        try {
            draft = charts.draftOf(release);
            chart = charts.info(draft.chartVersionId());
        } catch (NotFoundException e) {
            return new ReleaseRendering(environmentNames.stream().map(env -> RenderedTarget.failed(env, e.getMessage())).toList(), List.of());
        }
        List<DraftCheck.Problem> problems = new ArrayList<>();
        Map<String, Object> base = DraftCheck.parseLayer("base", draft.baseValues(), problems);
        List<DraftCheck.EnvironmentCheck> checks = new ArrayList<>();
        List<RenderedTarget> unrenderable = new ArrayList<>();
        for (String name : environmentNames) {
            Map<String, Object> layer = DraftCheck.parseLayer(name, draft.environmentValues().getOrDefault(name, ""), problems);
            if (base == null || layer == null) {
                unrenderable.add(RenderedTarget.failed(name, "the values do not parse"));
                continue;
            }
            EnvironmentService.Targets targets;
            try {
                targets = environments.targets(name);
            } catch (NotFoundException e) {
                unrenderable.add(RenderedTarget.failed(name, "there is no environment named " + name + " any more"));
                continue;
            }
            ChartInfo environmentChart;
            try {
                environmentChart = draft.chartVersionIdFor(name) == draft.chartVersionId() ? chart : charts.info(draft.chartVersionIdFor(name));
            } catch (NotFoundException e) {
                unrenderable.add(RenderedTarget.failed(name, e.getMessage()));
                continue;
            }
            DraftCheck.EnvironmentCheck check = environmentValues(environmentChart, name, base, layer, targets);
            problems.addAll(schemaProblems(environmentChart, layer, check));
            checks.add(check);
        }
        List<RenderedTarget> targets = new ArrayList<>(render(draft, checks, lintIn));
        targets.addAll(unrenderable);
        return new ReleaseRendering(targets, problems.stream().distinct().toList());
    }

    /**
     * What a draft renders in the checked environments: for each Kubernetes version among an environment's
     * clusters, the manifest (Helm template in a worker) and helm lint's findings on the effective values. The
     * renders and lints run side by side on the render workers.
     */
    List<RenderedTarget> render(ReleaseDraft draft, List<DraftCheck.EnvironmentCheck> checks) {
        return render(draft, checks, checks.stream().map(DraftCheck.EnvironmentCheck::environment).collect(java.util.stream.Collectors.toSet()));
    }

    private List<RenderedTarget> render(ReleaseDraft draft, List<DraftCheck.EnvironmentCheck> checks, Set<String> lintIn) {
        String name = draft.name() == null || draft.name().isBlank() ? "preview" : draft.name();
        String namespace = draft.namespace() == null || draft.namespace().isBlank() ? "default" : draft.namespace();
        Map<Long, ChartArchiveService.PreparedChart> preparedById = new HashMap<>();
        List<CompletableFuture<RenderedTarget>> targets = new ArrayList<>();
        for (DraftCheck.EnvironmentCheck env : checks) {
            ChartArchiveService.PreparedChart prepared;
            try {
                // each environment renders the chart version it runs; one preparation per version
                prepared = preparedById.computeIfAbsent(draft.chartVersionIdFor(env.environment()), catalog::prepare);
            } catch (RuntimeException e) {
                targets.add(CompletableFuture.completedFuture(new RenderedTarget(env.environment(), null, env.clusters(), false,
                        e.getMessage(), List.of(), false, List.of(), 0, false)));
                continue;
            }
            for (String kubeVersion : env.kubeVersions()) {
                CompletableFuture<RenderService.Outcome> rendering = CompletableFuture.supplyAsync(() -> render.template(new RenderService.Job(
                        prepared.directory(), prepared.key(), name, namespace, kubeVersion, ValuesYaml.dump(env.userValues()))), parallel);
                CompletableFuture<RenderService.Outcome> linting = !lintIn.contains(env.environment())
                        ? CompletableFuture.completedFuture(RenderService.Outcome.notRun())
                        : CompletableFuture.supplyAsync(() -> render.lint(new RenderService.Job(
                        prepared.directory(), prepared.key(), name, namespace, kubeVersion, ValuesYaml.dump(env.effectiveValues()))), parallel);
                targets.add(rendering.thenCombine(linting, (rendered, lint) -> target(env, kubeVersion, namespace, rendered, lint)));
            }
        }
        return targets.stream().map(CompletableFuture::join).toList();
    }

    private static RenderedTarget target(DraftCheck.EnvironmentCheck env, String kubeVersion, String namespace,
                                         RenderService.Outcome rendered, RenderService.Outcome lint) {
        List<RenderedManifests.ManifestObject> objects = List.of();
        boolean ok = rendered.ok();
        String error = rendered.error();
        try {
            objects = ok ? RenderedManifests.split(rendered.manifest(), namespace) : List.of();
        } catch (UnreadableManifestException unreadable) {
            ok = false;
            error = "the rendered manifest cannot be read: " + unreadable.getMessage();
        }
        return new RenderedTarget(env.environment(), kubeVersion, env.clusters(), ok, error, objects,
                lint.ok(), lintFindings(lint), Math.max(rendered.millis(), lint.millis()), rendered.cached() && lint.cached());
    }

    /** Lint's messages, without the kubeVersion complaint: lint assumes Kubernetes 1.20, the render used the real one. */
    private static List<String> lintFindings(RenderService.Outcome lint) {
        List<String> messages = new ArrayList<>(lint.messages());
        if (lint.error() != null && messages.isEmpty()) {
            messages.add(lint.error());
        }
        messages.removeIf(m -> m.contains("which is incompatible with Kubernetes"));
        return messages;
    }

    /**
     * The manifest a release renders with the given values for one Kubernetes version: what the reconciler
     * applies. Not kept in the render cache when {@code cacheable} is false (values with resolved secrets).
     */
    public RenderService.Outcome renderManifest(ReleaseDescription release, String environment, String kubeVersion,
                                                Map<String, Object> values, boolean cacheable) {
        ChartReference chart = release.chartFor(environment);
        ChartArchiveService.PreparedChart prepared = preparedCharts.getIfPresent(chart);
        if (prepared == null || !Files.isDirectory(prepared.directory())) {
            prepared = catalog.prepare(charts.versionId(chart));
            preparedCharts.put(chart, prepared);
        }
        return render.template(new RenderService.Job(prepared.directory(), prepared.key(), release.name(), release.namespace(), kubeVersion,
                ValuesYaml.dump(values), cacheable));
    }

    /**
     * The Secret keys the chart makes anew on every render of this environment (by Secret name): the release
     * rendered twice with the same values, the second time uncached. Empty when it does not render.
     */
    public Map<String, Set<String>> generatedSecretKeys(ReleaseDescription release, String environment, String kubeVersion) {
        Map<String, Object> values = mergedValues(release, environment);
        RenderService.Outcome once = renderManifest(release, environment, kubeVersion, values, true);
        RenderService.Outcome twice = renderManifest(release, environment, kubeVersion, values, false);
        try {
            return once.ok() && twice.ok() ? GeneratedKeys.between(once.manifest(), twice.manifest()) : Map.of();
        } catch (UnreadableManifestException unreadable) {
            return Map.of(); // the render check reports it
        }
    }
}
