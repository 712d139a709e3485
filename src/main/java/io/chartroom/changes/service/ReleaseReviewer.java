package io.chartroom.changes.service;

import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.changes.domain.ChangeReview.Check;
import io.chartroom.changes.domain.ChangeReview.CheckStatus;
import io.chartroom.changes.domain.ChangeReview.EnvironmentChange;
import io.chartroom.changes.domain.ChangeReview.FileChange;
import io.chartroom.changes.domain.ChangeReview.FileStatus;
import io.chartroom.changes.domain.ChangeReview.ObjectChange;
import io.chartroom.changes.domain.ChangeReview.ObjectStatus;
import io.chartroom.changes.domain.ChangeReview.TargetDiff;
import io.chartroom.gitops.domain.LayoutException;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.releases.service.DraftCheck;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.releases.service.ReleaseRenderer;
import io.chartroom.releases.service.ReleaseRendering;
import io.chartroom.releases.service.RenderedTarget;
import io.chartroom.releases.service.RenderVerdict;
import io.chartroom.releases.service.RenderedManifests.ManifestObject;
import io.chartroom.releases.values.ValuesYaml;
import io.chartroom.security.service.CurrentUser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Computes what a change request changes: the release as main had it (the base) against the branch's head,
 * file by file, merged values per environment, and the rendered objects per environment and group of
 * clusters (clusters with the same Kubernetes version render alike); then the checks. Rendered by the
 * {@link ReleaseRenderer}, which checks no role: the services opening and updating change requests check who may.
 */
@Component
class ReleaseReviewer {

    private final GitOpsRepository gitops;
    private final ReleaseRenderer renderer;
    private final EnvironmentService environments;
    private final CurrentUser currentUser;
    private final Clock clock;

    ReleaseReviewer(GitOpsRepository gitops, ReleaseRenderer renderer, EnvironmentService environments, CurrentUser currentUser, Clock clock) {
        this.currentUser = currentUser;
        this.gitops = gitops;
        this.renderer = renderer;
        this.environments = environments;
        this.clock = clock;
    }

    ChangeReview review(String release, String base, String head) {
        Part part = part(release, base, head);
        return new ChangeReview(base, head, clock.instant(), files(base, head), part.environments(), part.checks());
    }

    /**
     * The review of a change of several releases at once (a bulk upgrade or promotion): the releases are those whose
     * files the head changes; each release's environments in a section of their own, its checks named after it.
     */
    ChangeReview reviewSeveral(String base, String head) {
        Set<String> releases = new java.util.TreeSet<>();
        // the releases as their files describe them: on a kept helmfile layout, one shared values file may change several
        gitops.changes(gitops.describing(base), gitops.describing(head), "releases/").keySet().forEach(path -> releases.add(path.split("/")[1]));
        List<EnvironmentChange> environments = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        // a few releases at a time, so that the render workers never wait for the reads between one release's renders
        Semaphore permits = new Semaphore(SEVERAL_AT_ONCE);
        Map<String, CompletableFuture<Part>> parts = new LinkedHashMap<>();
        for (String release : releases) {
            parts.put(release, CompletableFuture.supplyAsync(currentUser.carrying(() -> {
                permits.acquireUninterruptibly();
                try {
                    return part(release, base, head);
                } finally {
                    permits.release();
                }
            }), parallel));
        }
        parts.forEach((release, future) -> {
            Part part = future.join();
            part.environments().forEach(e -> environments.add(e.ofRelease(release)));
            part.checks().forEach(c -> checks.add(new Check(release + ": " + c.name(), c.status(), c.summary(), c.details())));
        });
        return new ChangeReview(base, head, clock.instant(), files(base, head), environments, checks);
    }

    private record Part(List<EnvironmentChange> environments, List<Check> checks) {}

    private static final int SEVERAL_AT_ONCE = 4;
    private final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();

    /** Every file that differs between the commits, with its text before and after. */
    List<FileChange> files(String base, String head) {
        List<FileChange> files = new ArrayList<>();
        gitops.changes(base, head, "").forEach((path, text) -> {
            Optional<String> old = gitops.read(base, path);
            files.add(new FileChange(path, text == null ? FileStatus.DELETED : old.isEmpty() ? FileStatus.ADDED : FileStatus.MODIFIED,
                    old.orElse(null), text));
        });
        return files;
    }

    /** One release's environments (values and rendered objects, before and after) and checks. */
    private Part part(String release, String base, String head) {
        List<Check> checks = new ArrayList<>();
        Optional<ReleaseDescription> before = read(base, release, null);
        Optional<ReleaseDescription> after = read(head, release, checks);
        ReleaseRendering renderedAfter = after.map(r -> renderer.render(r, r.environments(), changedInputs(before, r))).orElse(null);
        List<EnvironmentChange> changes = compare(before, after, environmentOrder(before, after), renderedAfter);
        if (after.isPresent() && checks.isEmpty()) {
            checks.addAll(checks(renderedAfter));
            generatedSecrets(after.get(), changes).ifPresent(checks::add);
        } else if (after.isEmpty() && checks.isEmpty()) {
            checks.add(new Check("Render", CheckStatus.PASSED, "The release is removed: nothing to render", List.of()));
        }
        return new Part(changes, checks);
    }

    /**
     * What changes in the given environments from one description of a release to another: merged values and rendered
     * objects per group of clusters. {@code renderedAfter}: the after side already rendered, or null to render it here.
     */
    List<EnvironmentChange> compare(Optional<ReleaseDescription> before, Optional<ReleaseDescription> after, List<String> names,
                                    ReleaseRendering renderedAfter) {
        // main's side is only compared against: never linted
        ReleaseRendering renderedBefore = before.map(r -> renderer.render(r, r.environments().stream().filter(names::contains).toList(),
                Set.of())).orElse(null);
        ReleaseRendering afterSide = renderedAfter != null ? renderedAfter
                : after.map(r -> renderer.render(r, r.environments().stream().filter(names::contains).toList())).orElse(null);
        List<EnvironmentChange> changes = new ArrayList<>();
        for (String env : names) {
            boolean wasThere = before.isPresent() && before.get().environments().contains(env);
            boolean isThere = after.isPresent() && after.get().environments().contains(env);
            changes.add(new EnvironmentChange(env, wasThere, isThere,
                    wasThere ? mergedValues(before.get(), env) : "", isThere ? mergedValues(after.get(), env) : "",
                    targets(env, renderedBefore, afterSide)));
        }
        return changes;
    }

    /**
     * The environments of {@code after} whose inputs differ from {@code before}'s: new there, another chart version,
     * other merged values. The others render as main does: their lint is main's, not this change's.
     */
    private Set<String> changedInputs(Optional<ReleaseDescription> before, ReleaseDescription after) {
        Set<String> changed = new LinkedHashSet<>();
        for (String env : after.environments()) {
            if (before.isEmpty() || !before.get().environments().contains(env) || !before.get().chartFor(env).equals(after.chartFor(env))
                    || !mergedValues(before.get(), env).equals(mergedValues(after, env))) {
                changed.add(env);
            }
        }
        return changed;
    }

    /**
     * A Secret that changes because the chart generates a key on every render (its `lookup` finds nothing here):
     * a warning that says so, and that the cluster keeps the value it has. Found by rendering the head once more.
     */
    private Optional<Check> generatedSecrets(ReleaseDescription release, List<EnvironmentChange> changes) {
        List<String> details = new ArrayList<>();
        for (EnvironmentChange env : changes) {
            for (TargetDiff target : env.targets()) {
                List<String> changedSecrets = target.objects().stream()
                        .filter(o -> o.kind().equals("Secret") && o.status() == ObjectStatus.CHANGED).map(ObjectChange::name).toList();
                if (changedSecrets.isEmpty() || target.kubeVersion().startsWith("(")) {
                    continue;
                }
                Map<String, Set<String>> generated = renderer.generatedSecretKeys(release, env.environment(), target.kubeVersion());
                for (String secret : changedSecrets) {
                    if (generated.containsKey(secret)) {
                        details.add(env.environment() + ": Secret " + secret + " (" + String.join(", ", new java.util.TreeSet<>(generated.get(secret)))
                                + ") changes without a values change: the chart generates it");
                    }
                }
            }
        }
        return details.isEmpty() ? Optional.empty() : Optional.of(new Check("Generated secrets", CheckStatus.WARNING,
                details.size() + " Secret(s) the chart generates anew on every render: the clusters keep the values they have "
                        + "(rotate them on purpose: Sync now, rotate generated secrets)", details));
    }

    /** The release at a commit; a layout error becomes a failed check (for the head) rather than an exception. */
    private Optional<ReleaseDescription> read(String commit, String release, List<Check> checks) {
        try {
            return gitops.release(commit, release);
        } catch (LayoutException e) {
            if (checks != null) {
                checks.add(new Check("Layout", CheckStatus.FAILED, "The release's files are not in Chartroom's layout", List.of(e.getMessage())));
            }
            return Optional.empty();
        }
    }

    /** Environments of both sides, in the portal's order; ones that no longer exist last. */
    private List<String> environmentOrder(Optional<ReleaseDescription> before, Optional<ReleaseDescription> after) {
        Set<String> involved = new LinkedHashSet<>();
        before.ifPresent(r -> involved.addAll(r.environments()));
        after.ifPresent(r -> involved.addAll(r.environments()));
        List<String> ordered = new ArrayList<>();
        environments.list().forEach(e -> {
            if (involved.remove(e.name())) {
                ordered.add(e.name());
            }
        });
        ordered.addAll(involved);
        return ordered;
    }

    private String mergedValues(ReleaseDescription release, String environment) {
        try {
            return ValuesYaml.dump(renderer.mergedValues(release, environment));
        } catch (RuntimeException e) {
            return "# the values do not parse: " + e.getMessage() + "\n";
        }
    }

    private static List<TargetDiff> targets(String env, ReleaseRendering before, ReleaseRendering after) {
        Map<String, RenderedTarget> old = byKubeVersion(env, before);
        Map<String, RenderedTarget> now = byKubeVersion(env, after);
        Set<String> versions = new LinkedHashSet<>(now.keySet());
        versions.addAll(old.keySet());
        List<TargetDiff> diffs = new ArrayList<>();
        for (String version : versions) {
            RenderedTarget b = old.get(version);
            RenderedTarget a = now.get(version);
            List<String> clusters = a != null ? a.clusters() : b.clusters();
            diffs.add(new TargetDiff(version, clusters, b == null || b.ok() ? null : b.error(), a == null || a.ok() ? null : a.error(),
                    objects(b == null || !b.ok() ? List.of() : b.objects(), a == null || !a.ok() ? List.of() : a.objects())));
        }
        return diffs;
    }

    private static Map<String, RenderedTarget> byKubeVersion(String env, ReleaseRendering rendering) {
        Map<String, RenderedTarget> targets = new LinkedHashMap<>();
        if (rendering != null) {
            rendering.targets().stream().filter(t -> t.environment().equals(env))
                    .forEach(t -> targets.put(t.kubeVersion() == null ? "(not rendered)" : t.kubeVersion(), t));
        }
        return targets;
    }

    /** Objects matched by API group, kind, namespace and name. */
    static List<ObjectChange> objects(List<ManifestObject> before, List<ManifestObject> after) {
        Map<String, ManifestObject> old = new LinkedHashMap<>();
        before.forEach(o -> old.put(key(o), o));
        List<ObjectChange> changes = new ArrayList<>();
        for (ManifestObject o : after) {
            ManifestObject was = old.remove(key(o));
            if (was == null) {
                changes.add(new ObjectChange(o.kind(), o.apiVersion(), o.namespace(), o.name(), ObjectStatus.ADDED, null, o.yaml(), o.role()));
            } else if (!was.yaml().equals(o.yaml())) {
                changes.add(new ObjectChange(o.kind(), o.apiVersion(), o.namespace(), o.name(), ObjectStatus.CHANGED, was.yaml(), o.yaml(), o.role()));
            } else {
                changes.add(new ObjectChange(o.kind(), o.apiVersion(), o.namespace(), o.name(), ObjectStatus.UNCHANGED, null, null, o.role()));
            }
        }
        old.values().forEach(o -> changes.add(new ObjectChange(o.kind(), o.apiVersion(), o.namespace(), o.name(), ObjectStatus.REMOVED, o.yaml(), null, o.role())));
        return changes;
    }

    private static String key(ManifestObject o) {
        String apiVersion = o.apiVersion() == null ? "" : o.apiVersion();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return group + "|" + o.kind() + "|" + (o.namespace() == null ? "" : o.namespace()) + "|" + o.name();
    }

    private static List<Check> checks(ReleaseRendering rendering) {
        List<Check> checks = new ArrayList<>();
        RenderVerdict verdict = RenderVerdict.of(rendering.targets());
        checks.add(verdict.renders()
                ? new Check("Render", CheckStatus.PASSED, "Renders in every environment and Kubernetes version", List.of())
                : new Check("Render", CheckStatus.FAILED, verdict.renderErrors().size() + " target(s) do not render", verdict.renderErrors()));
        List<String> schema = rendering.problems().stream().filter(p -> p.severity() == DraftCheck.Severity.ERROR).map(DraftCheck.Problem::toString).toList();
        checks.add(schema.isEmpty()
                ? new Check("Values", CheckStatus.PASSED, "The values parse and match the chart's schema", List.of())
                : new Check("Values", CheckStatus.FAILED, schema.size() + " problem(s) with the values", schema));
        checks.add(!verdict.lintErrors().isEmpty() ? new Check("Lint", CheckStatus.FAILED, verdict.lintSummary(), verdict.lintErrors())
                : verdict.notLinted() > 0 ? new Check("Lint", CheckStatus.WARNING, verdict.lintSummary(), List.of())
                : !verdict.lintNotes().isEmpty() ? new Check("Lint", CheckStatus.WARNING, verdict.lintSummary(), verdict.lintNotes())
                : new Check("Lint", CheckStatus.PASSED, verdict.lintSummary(), List.of()));
        return checks;
    }
}
