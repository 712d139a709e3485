package io.chartroom.api;

import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.releases.service.DraftCheck;
import io.chartroom.releases.service.DraftValidation;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.service.ReleaseQueries;
import io.chartroom.releases.service.RenderedManifests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
                          List<String> environments, String values, Map<String, String> environmentValues) {}

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
    private final ReleaseQueries releases;
    private final ReleaseRequests releaseRequests;
    private final DraftValidation validation;

    ReleaseController(ReleaseDraftService drafts, ReleaseQueries releases, ReleaseRequests releaseRequests, DraftValidation validation) {
        this.validation = validation;
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
