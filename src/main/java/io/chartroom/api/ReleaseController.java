package io.chartroom.api;

import io.chartroom.changes.service.ReleasePromotions;
import io.chartroom.base.text.UnifiedDiff;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.releases.service.DraftCheck;
import io.chartroom.releases.service.DraftValidation;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.service.ReleaseQueries;
import io.chartroom.releases.service.RenderedManifests;
import io.chartroom.releases.service.UpgradeCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/releases")
@Tag(name = "Releases")
class ReleaseController {

    /**
     * A release as a client describes it: the chart by repository, name and version; values per layer as YAML.
     * {@code editing}: the name of an existing release being changed (omit for a new one).
     */
    record ReleaseRequest(String name, String namespace, String team, String repository, String chart, String version,
                          List<String> environments, String values, Map<String, String> environmentValues,
                          Map<String, String> environmentVersions) {}

    /** {@code environment}: the one to upgrade, or none for the base (every environment without a version of its own). */
    record UpgradeRequest(String environment, String version, String title, String description) {}

    /** @param defaults the chart's values.yaml per pair of versions, as a diff; @param environments what changes where it moves */
    record UpgradePreviewView(String release, Map<String, String> versionsBefore, Map<String, String> versionsAfter,
                              boolean blocked, List<UpgradeCheck.Finding> findings, List<DefaultsView> defaults,
                              List<ChangeRequestController.EnvironmentView> environments) {}

    record DefaultsView(String from, String to, String diff) {}

    /** {@code skipEnvironments}: promote past the environments in between (ADMIN). */
    record PromotionRequest(String from, String to, List<String> valuesPaths, Boolean skipEnvironments, String title, String description) {}

    /** @param checks what ran; @param skipped what did not, and why */
    record CheckView(boolean ok, List<DraftCheck.Problem> errors, List<DraftCheck.Problem> warnings,
                     Map<String, EnvironmentView> environments, List<String> checks, List<String> skipped) {}

    record EnvironmentView(List<String> clusters, List<String> kubeVersions, Map<String, Object> effectiveValues) {}

    record RenderedView(String environment, String kubeVersion, List<String> clusters, boolean ok, String error,
                        String manifest, List<ObjectView> objects, boolean lintOk, List<String> lint) {}

    record ObjectView(String kind, String apiVersion, String name, String namespace, String source, String role) {
        static ObjectView of(RenderedManifests.ManifestObject o) {
            return new ObjectView(o.kind(), o.apiVersion(), o.name(), o.namespace(), o.source(), o.role());
        }
    }

    private final ReleaseDraftService drafts;
    private final ReleasePromotions promotions;
    private final ReleaseQueries releases;
    private final ReleaseRequests releaseRequests;
    private final DraftValidation validation;

    ReleaseController(ReleaseDraftService drafts, ReleaseQueries releases, ReleaseRequests releaseRequests, DraftValidation validation,
                      ReleasePromotions promotions) {
        this.validation = validation;
        this.promotions = promotions;
        this.drafts = drafts;
        this.releases = releases;
        this.releaseRequests = releaseRequests;
    }

    @GetMapping
    @Operation(summary = "The releases on main")
    List<ReleaseDescription> list() {
        return releases.onMain();
    }

    @GetMapping("/{name}")
    @Operation(summary = "A release on main")
    ReleaseDescription get(@PathVariable String name) {
        return releases.onMain(name);
    }

    @GetMapping("/{name}/upgrades/preview")
    @Operation(summary = "What moving an environment (or the base) of a release to another chart version finds before it is proposed: "
            + "values set that the version no longer has, kubeVersion constraints its clusters do not meet")
    UpgradePreviewView previewUpgrade(@PathVariable String name, @RequestParam String version, @RequestParam(required = false) String environment) {
        ReleasePromotions.Preview preview = promotions.previewUpgrade(name, environment, version);
        return new UpgradePreviewView(name, versions(preview.before()), versions(preview.after()), preview.blocked(), preview.findings(),
                preview.defaults().stream().map(d -> new DefaultsView(d.from(), d.to(),
                        UnifiedDiff.of("values.yaml", d.valuesBefore(), d.valuesAfter()))).toList(),
                preview.environments().stream().map(ChangeRequestController.EnvironmentView::of).toList());
    }

    @PostMapping("/{name}/upgrades")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open the change request that moves an environment (or the base) of a release to another version of its chart; "
            + "refused with each reason when a value set is gone from that version or no cluster meets its kubeVersion")
    ChangeRequestController.Summary upgrade(@PathVariable String name, @RequestBody UpgradeRequest request) {
        return ChangeRequestController.Summary.of(promotions.upgrade(name, request.environment(), request.version(),
                new Proposal(request.title(), request.description(), null)));
    }

    @PostMapping("/{name}/promotions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open the change request that gives the next environment the chart version (and chosen values) of this one; "
            + "skipping an environment takes an ADMIN and skipEnvironments")
    ChangeRequestController.Summary promote(@PathVariable String name, @RequestBody PromotionRequest request) {
        return ChangeRequestController.Summary.of(promotions.promote(name, request.from(), request.to(),
                request.valuesPaths() == null ? List.of() : request.valuesPaths(), Boolean.TRUE.equals(request.skipEnvironments()),
                new Proposal(request.title(), request.description(), null)));
    }

    private static Map<String, String> versions(ReleaseDescription release) {
        Map<String, String> versions = new LinkedHashMap<>();
        release.environments().forEach(env -> versions.put(env, release.versionFor(env)));
        return versions;
    }

    @PostMapping("/validate")
    @Operation(summary = "Check a release description as its change request would be: names, team, environments, YAML (line and column), "
            + "the chart's schema and dependencies, the files in Chartroom's layout, render and lint per environment and Kubernetes version, "
            + "generated secrets; says which checks ran and which were skipped, and why")
    CheckView validate(@RequestBody ReleaseRequest request, @RequestParam(required = false) String editing) {
        DraftValidation.Result result = validation.validate(draft(request), editing);
        Map<String, EnvironmentView> environments = new LinkedHashMap<>();
        result.check().environments().forEach((name, e) -> environments.put(name, new EnvironmentView(e.clusters(), e.kubeVersions(),
                e.effectiveValues())));
        return new CheckView(result.ok(), result.errors(), result.warnings(), environments, result.checks(), result.skipped());
    }

    @PostMapping("/render")
    @Operation(summary = "The manifests a release description renders per environment (and per Kubernetes version of its clusters), with helm lint")
    List<RenderedView> render(@RequestBody ReleaseRequest request, @RequestParam(required = false) String environment) {
        ReleaseDraft draft = draft(request);
        List<String> environments = environment == null ? draft.environments() : List.of(environment);
        return drafts.preview(draft, environments).stream()
                .map(t -> new RenderedView(t.environment(), t.kubeVersion(), t.clusters(), t.ok(), t.error(),
                        t.objects().stream().map(RenderedManifests.ManifestObject::yaml).reduce((a, b) -> a + "---\n" + b).orElse(""),
                        t.objects().stream().map(ObjectView::of).toList(), t.lintOk(), t.lintMessages()))
                .toList();
    }

    @PostMapping("/files")
    @Operation(summary = "The GitOps repository files of a valid release description (nothing is written)")
    Map<String, String> files(@RequestBody ReleaseRequest request, @RequestParam(required = false) String editing) {
        return drafts.files(draft(request), editing);
    }

    private ReleaseDraft draft(ReleaseRequest r) {
        return releaseRequests.draft(r);
    }
}
