package io.chartroom.releases.service;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.catalog.domain.RepositoryType;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Describing a release: the chart's form, checking a draft (on every change), previewing what it renders in
 * each environment (through the {@link ReleaseRenderer}), and turning a valid draft into the release description
 * and repository files. Only DEVELOPERs (and up) of the owning team may do this.
 */
@Service
public class ReleaseDraftService {

    private final ReleaseCharts charts;
    private final DraftChecker checker;
    private final ReleaseRenderer renderer;
    private final GitOpsRepository gitops;
    private final CurrentUser currentUser;

    ReleaseDraftService(ReleaseCharts charts, DraftChecker checker, ReleaseRenderer renderer, GitOpsRepository gitops,
                        CurrentUser currentUser) {
        this.charts = charts;
        this.checker = checker;
        this.renderer = renderer;
        this.gitops = gitops;
        this.currentUser = currentUser;
    }

    /** The chart version's form, defaults and schema, for the editor. */
    public ChartInfo chart(long versionId) {
        currentUser.require(Role.VIEWER);
        return charts.info(versionId);
    }

    /**
     * Where values of this chart version hold literal secrets (by the chart's schema, or by name where the chart
     * leaves the field empty): paths as the checks name them. For values that come from elsewhere (a Helm release
     * being imported) and must not reach Git as they are. Each path as {@link io.chartroom.releases.values.ValuesTree} takes it.
     */
    public List<List<Object>> literalSecrets(long versionId, Map<String, Object> values) {
        currentUser.require(Role.DEVELOPER);
        return SecretValuesCheck.literalSecrets(values, charts.info(versionId).form());
    }

    /** The versions a release of this chart may move to, newest first, for the editor's version pickers. */
    public List<ChartVersion> versions(long versionId) {
        currentUser.require(Role.VIEWER);
        return charts.versionsOfSameChart(versionId);
    }

    /**
     * Checks everything that can be checked without rendering: names, team, environments, the YAML of each
     * layer (with line and column), the chart's schema on each environment's effective values, secrets typed
     * as literals. {@code editing} is the name of the release being changed, or null for a new one.
     */
    public DraftCheck check(ReleaseDraft draft, String editing) {
        UserIdentity user = currentUser.require(Role.DEVELOPER);
        return checker.check(draft, editing, user);
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
        return renderer.render(draft, environments.stream().map(check.environments()::get).toList());
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
        Map<String, String> versions = new LinkedHashMap<>();
        draft.environmentChartVersionIds().forEach((env, id) -> versions.put(env, chart(id).detail().version().version()));
        return new ReleaseDescription(draft.name(), draft.namespace(), draft.team(), reference, draft.environments(),
                draft.baseValues(), envValues, versions);
    }

    /** The title a change request of a valid draft gets when its author writes none: what it changes. */
    public String proposedTitle(ReleaseDraft draft, String editing) {
        ReleaseDescription after = describe(draft, editing);
        return ChangeTitle.of(editing == null ? null : gitops.release(gitops.main(), editing).orElse(null), after);
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
        return charts.draftOf(release);
    }
}
