package io.chartroom.releases.service;

import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.releases.form.FormField;
import io.chartroom.releases.form.InferredFormBuilder;
import io.chartroom.releases.form.SchemaFormBuilder;
import io.chartroom.releases.values.SchemaValidator;
import io.chartroom.releases.values.SecretFields;
import io.chartroom.releases.values.ValuesPaths;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.RepositoryType;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.catalog.service.ChartArchiveService;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.render.service.GeneratedKeys;
import io.chartroom.render.service.UnreadableManifestException;
import io.chartroom.render.service.RenderService;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.secrets.domain.SecretReference;
import io.chartroom.security.service.CurrentUser;
import io.chartroom.environments.domain.Environment;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Describing a release: the chart's form, checking a draft (on every change), previewing what it renders in
 * each environment, and turning a valid draft into the release description and repository files. Only
 * DEVELOPERs (and up) of the owning team may do this.
 */
@Service
public class ReleaseDraftService {

    /** What the editor needs to know about the chart version. */
    public record ChartInfo(CatalogService.VersionDetail detail, ChartRepository repository, FormField.Group form,
                            Map<String, Object> defaults, boolean hasSchema) {}

    /** What one environment renders, for one Kubernetes version of its clusters. */
    public record RenderedTarget(String environment, String kubeVersion, List<String> clusters, boolean ok, String error,
                                 List<RenderedManifests.ManifestObject> objects, boolean lintOk, List<String> lintMessages,
                                 long millis, boolean cached) {}

    private final CatalogService catalog;
    private final EnvironmentService environments;
    private final RenderService render;
    private final GitOpsRepository gitops;
    private final CurrentUser currentUser;
    private final ObjectProvider<ProposedReleases> proposed;
    private final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();
    private final Cache<String, ChartForm> forms = Caffeine.newBuilder().maximumSize(256).build();
    /**
     * Charts ready for Helm by reference, briefly: the reconciler renders a thousand releases of one chart in a
     * pass, and looking the version up again for each costs more database time than the render. A version
     * removed from the catalog stops rendering within the expiry.
     */
    private final Cache<ChartReference, ChartArchiveService.PreparedChart> preparedCharts = Caffeine.newBuilder()
            .maximumSize(1024).expireAfterWrite(java.time.Duration.ofSeconds(10)).build();

    public ReleaseDraftService(CatalogService catalog, EnvironmentService environments, RenderService render,
                               GitOpsRepository gitops, CurrentUser currentUser, ObjectProvider<ProposedReleases> proposed) {
        this.catalog = catalog;
        this.environments = environments;
        this.render = render;
        this.gitops = gitops;
        this.currentUser = currentUser;
        this.proposed = proposed;
    }

    public ChartInfo chart(long versionId) {
        currentUser.require(Role.VIEWER);
        CatalogService.VersionDetail detail = catalog.version(versionId);
        ChartRepository repository = catalog.repositories().stream()
                .filter(r -> r.id() == detail.chart().repositoryId()).findFirst()
                .orElseThrow(() -> new NotFoundException("the chart's repository is gone"));
        boolean hasSchema = detail.archive() != null && detail.archive().hasSchema();
        // a chart version's content is fixed by its digest: its form and defaults are built once
        ChartForm built = forms.get(versionId + "@" + detail.version().digest(), k -> new ChartForm(
                hasSchema ? SchemaFormBuilder.build(detail.archive().valuesSchema())
                        : InferredFormBuilder.build(detail.archive() == null ? "" : detail.archive().valuesYaml()),
                detail.archive() == null ? Map.of() : safeParse(detail.archive().valuesYaml())));
        return new ChartInfo(detail, repository, built.form(), ValuesTree.copy(built.defaults()), hasSchema);
    }

    private record ChartForm(FormField.Group form, Map<String, Object> defaults) {}

    /**
     * Checks everything that can be checked without rendering: names, team, environments, the YAML of each
     * layer (with line and column), the chart's schema on each environment's effective values, secrets typed
     * as literals. {@code editing} is the name of the release being changed, or null for a new one.
     */
    public DraftCheck check(ReleaseDraft draft, String editing) {
        UserIdentity user = currentUser.require(Role.DEVELOPER);
        List<DraftCheck.Problem> problems = new ArrayList<>();
        checkIdentity(draft, editing, user, problems);
        ChartInfo chart;
        try {
            chart = chart(draft.chartVersionId());
        } catch (NotFoundException e) {
            problems.add(DraftCheck.Problem.error("release", "chart", e.getMessage()));
            return new DraftCheck(problems, Map.of());
        }
        if (!chart.detail().usable()) {
            problems.add(DraftCheck.Problem.error("release", "chart", chart.detail().unusableReason()));
        }
        Map<String, Object> base = parseLayer("base", draft.baseValues(), problems);
        Map<String, DraftCheck.EnvironmentCheck> checks = new LinkedHashMap<>();
        Map<String, Environment> known = new LinkedHashMap<>();
        environments.list().forEach(e -> known.put(e.name(), e));
        Set<String> seenProblems = new LinkedHashSet<>();
        for (String name : draft.environments()) {
            if (!known.containsKey(name)) {
                problems.add(DraftCheck.Problem.error("release", "environments", "there is no environment named " + name));
                continue;
            }
            EnvironmentService.Targets targets = environments.targets(name);
            targets.warnings().forEach(w -> problems.add(DraftCheck.Problem.warning(name, "environment", w)));
            Map<String, Object> layer = parseLayer(name, draft.environmentValues().getOrDefault(name, ""), problems);
            if (base == null || layer == null) {
                continue;
            }
            DraftCheck.EnvironmentCheck environmentCheck = environmentCheck(chart, name, base, layer, targets);
            if (chart.hasSchema()) {
                for (SchemaValidator.Problem p : SchemaValidator.validate(chart.detail().archive().valuesSchema(), environmentCheck.effectiveValues())) {
                    String owner = ValuesTree.has(layer, p.path()) ? name : "base";
                    DraftCheck.Problem problem = DraftCheck.Problem.error(owner, p.pathText(), p.message());
                    if (seenProblems.add(problem.toString())) {
                        problems.add(problem);
                    }
                }
            }
            checks.put(name, environmentCheck);
            checkSecrets(name, layer, chart.form(), problems);
        }
        if (base != null) {
            checkSecrets("base", base, chart.form(), problems);
        }
        for (String layerName : draft.environmentValues().keySet()) {
            if (!draft.environments().contains(layerName) && !draft.environmentValues().get(layerName).isBlank()) {
                problems.add(DraftCheck.Problem.warning(layerName, "", "values for an environment the release does not run in are dropped"));
            }
        }
        return new DraftCheck(problems, checks);
    }

    private void checkIdentity(ReleaseDraft d, String editing, UserIdentity user, List<DraftCheck.Problem> problems) {
        if (d.name() == null || !RepositoryLayout.RELEASE_NAME.matcher(d.name()).matches()) {
            problems.add(DraftCheck.Problem.error("release", "name",
                    "a release name is a DNS-1123 label: lowercase letters, digits and dashes, 1-53 characters, starting and ending with a letter or digit"));
        } else if (editing == null && gitops.releaseNames(gitops.main()).contains(d.name())) {
            problems.add(DraftCheck.Problem.error("release", "name", "a release named " + d.name() + " already exists"));
        } else if (editing == null && proposed.getIfAvailable() != null && proposed.getObject().creationProposed(d.name()).isPresent()) {
            problems.add(DraftCheck.Problem.error("release", "name", proposed.getObject().creationProposed(d.name()).get()
                    + " already proposes a release named " + d.name()));
        } else if (editing != null && !editing.equals(d.name())) {
            problems.add(DraftCheck.Problem.error("release", "name", "a release cannot be renamed; create a new one instead"));
        }
        if (d.namespace() == null || !RepositoryLayout.NAMESPACE.matcher(d.namespace()).matches()) {
            problems.add(DraftCheck.Problem.error("release", "namespace",
                    "a namespace is a DNS-1123 label: lowercase letters, digits and dashes, 1-63 characters"));
        }
        if (d.team() == null || d.team().isBlank()) {
            problems.add(DraftCheck.Problem.error("release", "team", "choose the team that owns the release"));
        } else if (!user.hasRole(Role.ADMIN) && !user.inTeam(d.team())) {
            problems.add(DraftCheck.Problem.error("release", "team", user.username() + " is not a member of team " + d.team()));
        }
        if (d.environments().isEmpty()) {
            problems.add(DraftCheck.Problem.error("release", "environments", "choose at least one environment"));
        }
    }

    private static Map<String, Object> parseLayer(String layer, String text, List<DraftCheck.Problem> problems) {
        try {
            return ValuesYaml.parse(text, layer);
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> problems.add(DraftCheck.Problem.error(layer, p.location(), p.message())));
            return null;
        }
    }

    /** A literal value typed into a secret field would end up in Git: warn, and suggest a reference. */
    private static void checkSecrets(String layer, Map<String, Object> values, FormField.Group form, List<DraftCheck.Problem> problems) {
        walk(values, new ArrayList<>(), form, (path, value, secret) -> {
            if (secret && SecretFields.isLiteralSecret(value)) {
                problems.add(DraftCheck.Problem.warning(layer, ValuesPaths.text(path),
                        "looks like a secret typed as a value: it would be stored in Git. Use a reference such as ref+awsssm://path/to/parameter"));
            }
            SecretReference.unsupportedScheme(value).ifPresent(scheme -> problems.add(DraftCheck.Problem.warning(layer,
                    ValuesPaths.text(path), "ref+" + scheme + ":// is not a reference Chartroom resolves (only " + SecretReference.PREFIX
                            + "): applying the release would fail on it")));
        });
    }

    private interface Visitor {
        void scalar(List<Object> path, Object value, boolean secret);
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object value, List<Object> path, FormField field, Visitor visitor) {
        if (value instanceof Map<?, ?> map) {
            for (var e : ((Map<String, Object>) map).entrySet()) {
                path.add(e.getKey());
                walk(e.getValue(), path, child(field, e.getKey()), visitor);
                path.removeLast();
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                path.add(i);
                walk(list.get(i), path, field instanceof FormField.ListOf l ? l.items() : null, visitor);
                path.removeLast();
            }
        } else {
            String key = path.isEmpty() || !(path.getLast() instanceof String s) ? "" : s;
            boolean secret = field instanceof FormField.Scalar s ? s.secret() : SecretFields.isSecretName(key);
            visitor.scalar(List.copyOf(path), value, secret);
        }
    }

    private static FormField child(FormField field, String key) {
        return switch (field) {
            case FormField.Group g -> g.properties().stream().filter(p -> p.key().equals(key)).findFirst().orElse(g.additional());
            case FormField.MapOf m -> m.values();
            case null, default -> null;
        };
    }

    /**
     * What the draft renders in each of the environments: for each Kubernetes version among an environment's
     * clusters, the manifest (Helm template in a worker) and helm lint's findings on the effective values. One
     * check for all; the renders and lints run side by side on the render workers.
     */
    public List<RenderedTarget> preview(ReleaseDraft draft, List<String> environments) {
        currentUser.require(Role.DEVELOPER);
        DraftCheck check = check(draft, null);
        for (String environment : environments) {
            if (!check.environments().containsKey(environment)) {
                throw InvalidInputException.of("environment", "the release does not run in " + environment
                        + " or its values do not parse; see the problems listed");
            }
        }
        return renderTargets(draft, environments.stream().map(check.environments()::get).toList());
    }

    /** A release as Git describes it, rendered in each of its environments, and its values checked against the schema. */
    public record ReleaseRendering(List<RenderedTarget> targets, List<DraftCheck.Problem> problems) {}

    /**
     * Renders a release as a commit of the GitOps repository describes it (for reviews), in those of the given
     * environments it runs in. Unlike a draft, nothing about who may edit it is checked; a chart version that
     * left the catalog or values that do not parse come back as failed targets.
     */
    public ReleaseRendering render(ReleaseDescription release, List<String> environmentNames) {
        currentUser.require(Role.VIEWER);
        ReleaseDraft draft;
        ChartInfo chart;
        try {
            draft = draftOf(release);
            chart = chart(draft.chartVersionId());
        } catch (NotFoundException e) {
            return new ReleaseRendering(environmentNames.stream().map(env -> failed(env, e.getMessage())).toList(), List.of());
        }
        List<DraftCheck.Problem> problems = new ArrayList<>();
        Map<String, Object> base = parseLayer("base", draft.baseValues(), problems);
        List<DraftCheck.EnvironmentCheck> checks = new ArrayList<>();
        List<RenderedTarget> unrenderable = new ArrayList<>();
        for (String name : environmentNames) {
            Map<String, Object> layer = parseLayer(name, draft.environmentValues().getOrDefault(name, ""), problems);
            if (base == null || layer == null) {
                unrenderable.add(failed(name, "the values do not parse"));
                continue;
            }
            EnvironmentService.Targets targets;
            try {
                targets = environments.targets(name);
            } catch (NotFoundException e) {
                unrenderable.add(failed(name, "there is no environment named " + name + " any more"));
                continue;
            }
            DraftCheck.EnvironmentCheck check = environmentCheck(chart, name, base, layer, targets);
            if (chart.hasSchema()) {
                for (SchemaValidator.Problem p : SchemaValidator.validate(chart.detail().archive().valuesSchema(), check.effectiveValues())) {
                    problems.add(DraftCheck.Problem.error(ValuesTree.has(layer, p.path()) ? name : "base", p.pathText(), p.message()));
                }
            }
            checks.add(check);
        }
        List<RenderedTarget> targets = new ArrayList<>(renderTargets(draft, checks));
        targets.addAll(unrenderable);
        return new ReleaseRendering(targets, problems.stream().distinct().toList());
    }

    /** A release's values in an environment: base and environment layers merged, as Helm gets them. */
    public Map<String, Object> mergedValues(ReleaseDescription release, String environment) {
        currentUser.require(Role.VIEWER);
        return ValuesTree.layer(ValuesYaml.parse(release.baseValues(), "base"), ValuesYaml.parse(release.valuesFor(environment), environment));
    }

    /**
     * The manifest a release renders with the given values for one Kubernetes version: what the reconciler
     * applies. Not kept in the render cache when {@code cacheable} is false (values with resolved secrets).
     */
    public RenderService.Outcome renderManifest(ReleaseDescription release, String kubeVersion, Map<String, Object> values, boolean cacheable) {
        currentUser.require(Role.VIEWER);
        ChartReference chart = release.chart();
        ChartArchiveService.PreparedChart prepared = preparedCharts.getIfPresent(chart);
        if (prepared == null || !Files.isDirectory(prepared.directory())) {
            prepared = catalog.prepare(draftOf(release).chartVersionId());
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
        currentUser.require(Role.VIEWER);
        Map<String, Object> values = mergedValues(release, environment);
        RenderService.Outcome once = renderManifest(release, kubeVersion, values, true);
        RenderService.Outcome twice = renderManifest(release, kubeVersion, values, false);
        try {
            return once.ok() && twice.ok() ? GeneratedKeys.between(once.manifest(), twice.manifest()) : Map.of();
        } catch (UnreadableManifestException unreadable) {
            return Map.of(); // the render check reports it
        }
    }

    private static RenderedTarget failed(String environment, String error) {
        return new RenderedTarget(environment, null, List.of(), false, error, List.of(), false, List.of(), 0, false);
    }

    private static DraftCheck.EnvironmentCheck environmentCheck(ChartInfo chart, String name, Map<String, Object> base,
                                                               Map<String, Object> layer, EnvironmentService.Targets targets) {
        Map<String, Object> userValues = ValuesTree.layer(base, layer);
        return new DraftCheck.EnvironmentCheck(name, ValuesTree.effective(chart.defaults(), userValues), userValues,
                targets.clusters().stream().map(c -> c.name()).toList(), List.copyOf(targets.kubeVersions()));
    }

    private List<RenderedTarget> renderTargets(ReleaseDraft draft, List<DraftCheck.EnvironmentCheck> checks) {
        ChartArchiveService.PreparedChart prepared;
        try {
            prepared = catalog.prepare(draft.chartVersionId());
        } catch (RuntimeException e) {
            return checks.stream().map(env -> new RenderedTarget(env.environment(), null, env.clusters(), false,
                    e.getMessage(), List.of(), false, List.of(), 0, false)).toList();
        }
        String name = draft.name() == null || draft.name().isBlank() ? "preview" : draft.name();
        String namespace = draft.namespace() == null || draft.namespace().isBlank() ? "default" : draft.namespace();
        List<CompletableFuture<RenderedTarget>> targets = new ArrayList<>();
        for (DraftCheck.EnvironmentCheck env : checks) {
            for (String kubeVersion : env.kubeVersions()) {
                CompletableFuture<RenderService.Outcome> rendering = CompletableFuture.supplyAsync(() -> render.template(new RenderService.Job(
                        prepared.directory(), prepared.key(), name, namespace, kubeVersion, ValuesYaml.dump(env.userValues()))), parallel);
                CompletableFuture<RenderService.Outcome> linting = CompletableFuture.supplyAsync(() -> render.lint(new RenderService.Job(
                        prepared.directory(), prepared.key(), name, namespace, kubeVersion, ValuesYaml.dump(env.effectiveValues()))), parallel);
                targets.add(rendering.thenCombine(linting, (rendered, lint) -> {
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
                }));
            }
        }
        return targets.stream().map(CompletableFuture::join).toList();
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
     * The release description of a valid draft: each environment layer reduced to what differs from the base
     * (minimal, reviewable files). Fails listing every problem when the draft is not valid.
     */
    public ReleaseDescription describe(ReleaseDraft draft, String editing) {
        DraftCheck check = check(draft, editing);
        if (!check.ok()) {
            throw new InvalidInputException(check.errors().stream()
                    .map(p -> new InvalidInputException.Problem(p.layer() + (p.location() == null || p.location().isEmpty() ? "" : ":" + p.location()), p.message()))
                    .toList());
        }
        ChartInfo chart = chart(draft.chartVersionId());
        Map<String, Object> base = ValuesYaml.parse(draft.baseValues(), "base");
        Map<String, String> envValues = new LinkedHashMap<>();
        for (String env : draft.environments()) {
            String text = draft.environmentValues().getOrDefault(env, "");
            Map<String, Object> desired = ValuesTree.layer(base, ValuesYaml.parse(text, env));
            Map<String, Object> minimal = ValuesTree.minimalOverride(base, desired);
            if (!minimal.isEmpty()) {
                // keep the user's own text (and comments) when it is already minimal
                envValues.put(env, ValuesTree.equal(ValuesYaml.parse(text, env), minimal) ? text : ValuesYaml.dump(minimal));
            }
        }
        ChartRepository repo = chart.repository();
        ChartReference reference = new ChartReference(repo.name(), repo.url(), repo.type() == RepositoryType.OCI,
                chart.detail().chart().name(), chart.detail().version().version());
        return new ReleaseDescription(draft.name(), draft.namespace(), draft.team(), reference, draft.environments(),
                draft.baseValues(), envValues);
    }

    /** The repository files of a valid draft, by path. */
    public Map<String, String> files(ReleaseDraft draft, String editing) {
        return RepositoryLayout.releaseFiles(describe(draft, editing));
    }

    /** An existing release on main as a draft, for editing; the chart version must still be in the catalog. */
    public ReleaseDraft load(String name) {
        currentUser.require(Role.VIEWER);
        return draftOf(gitops.release(gitops.main(), name)
                .orElseThrow(() -> new NotFoundException("release " + name + " does not exist")));
    }

    /** A release description as a draft: the chart found in the catalog by repository, name and version. */
    public ReleaseDraft draftOf(ReleaseDescription release) {
        ChartReference chart = release.chart();
        long versionId = catalog.versions(catalog.chart(chart.repository(), chart.chart())).stream()
                .filter(v -> v.version().equals(chart.version())).findFirst()
                .orElseThrow(() -> new NotFoundException(chart.repository() + "/" + chart.chart() + " " + chart.version()
                        + " is no longer in the catalog"))
                .id();
        return new ReleaseDraft(release.name(), release.namespace(), release.team(), versionId, release.environments(),
                release.baseValues(), release.environmentValues());
    }

    private static Map<String, Object> safeParse(String yaml) {
        try {
            return ValuesYaml.parse(yaml, "values.yaml");
        } catch (InvalidInputException e) {
            return Map.of();
        }
    }
}
