package io.chartroom.api;

import io.chartroom.adoption.service.HelmfileConversions;
import io.chartroom.adoption.service.HelmfileImports;
import io.chartroom.adoption.service.HelmfileLayoutChoices;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.adoption.service.HelmfileValueEdits;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports")
class ImportController {

    private final HelmfileImports helmfiles;
    private final HelmfileConversions conversions;
    private final HelmfileValueEdits valueEdits;
    private final HelmfileLayoutChoices layouts;

    ImportController(HelmfileImports helmfiles, HelmfileConversions conversions, HelmfileValueEdits valueEdits, HelmfileLayoutChoices layouts) {
        this.helmfiles = helmfiles;
        this.conversions = conversions;
        this.valueEdits = valueEdits;
        this.layouts = layouts;
    }

    /** Where to read from: nothing for main; a Git URL (ADMIN) with an optional branch and credentials. */
    record ReadFrom(@Nullable String url, @Nullable String branch, @Nullable String username, @Nullable String password) {}

    @PostMapping("/helmfile")
    @Operation(summary = "Reads the GitOps repository's main as helmfile does (DEVELOPER), or with a url the repository there (ADMIN; http(s) "
            + "to an address the network guard allows, one commit deep, not kept): its environments, each environment's releases, the chart "
            + "repositories it names, what they would become in Chartroom, and every file and line it could not read; writes nothing, shows no values")
    HelmfileImports.Report readHelmfile(@RequestBody(required = false) @Nullable ReadFrom from) {
        return from == null || from.url() == null ? helmfiles.readMain() : helmfiles.readUrl(from.url(), from.branch(), from.username(), from.password());
    }

    @PostMapping("/helmfile/conversion")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Converts main, a helmfile repository, to Chartroom's layout in one change request (ADMIN): the team owning the releases "
            + "(or one per release in teams), each helmfile environment's clusterSelector and optional kubeVersion; 400 lists every problem "
            + "(file and line, or field) and writes nothing. The change request's check renders every release both ways and blocks the merge "
            + "on any difference")
    HelmfileConversions.Converted convertHelmfile(@RequestBody HelmfileConversions.ConversionRequest request) {
        return conversions.convert(request);
    }

    @PostMapping("/helmfile/value-edits")
    @Operation(summary = "Shows how one value of a release, as helmfile reads main in one environment, would change in the team's own values "
            + "file (DEVELOPER): the file whose value applies there (or the release's last values file for a new one), the line, and the "
            + "file's diff; every other byte kept. {release, environment, path: [keys and indexes], value (null removes it)}. A value set "
            + "by a templated file, inline in a helmfile or by set:, reached through an alias, or a secret's literal: 400 naming file and "
            + "line. Writes nothing")
    HelmfileValueEdits.Preview previewValueEdit(@RequestBody HelmfileValueEdits.Edit edit) {
        return valueEdits.preview(edit);
    }

    @PostMapping("/helmfile/value-edits/change-requests")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Opens the change request of one value edited in place (a DEVELOPER of the team owning the kept layout's releases; the "
            + "layout must be kept): {edit: as for value-edits, title, description}. Its commit changes one file of main, one line for a changed "
            + "value; its review renders the release per environment and cluster at main and with the edit. 400 names file and line, 409 when "
            + "the layout is not kept or main moved")
    HelmfileValueEdits.Opened proposeValueEdit(@RequestBody HelmfileValueEdits.Proposed proposed) {
        return valueEdits.propose(proposed);
    }

    @GetMapping("/helmfile/layout")
    @Operation(summary = "Whether an ADMIN chose to keep main's helmfile layout (VIEWER): the team owning its releases, each environment's "
            + "cluster selector and Kubernetes version, the releases main holds; 404 when no layout is kept")
    HelmfileLayoutChoices.Kept keptLayout() {
        return layouts.current().orElseThrow(() -> new NotFoundException("no helmfile layout is kept"));
    }

    @PutMapping("/helmfile/layout")
    @Operation(summary = "Keeps main's helmfile layout (ADMIN) instead of converting it: {team, clusterSelectors: {environment: selector}, "
            + "kubeVersions}. Chartroom then lists and reconciles its releases as helmfile reads them and changes them only by values edited in "
            + "place; 400 lists every problem (an environment without selector, a chart no registered repository has, a literal secret) and "
            + "keeps nothing")
    HelmfileLayoutChoices.Kept keepLayout(@RequestBody HelmfileLayoutChoices.KeepRequest request) {
        return layouts.keep(request);
    }

    @DeleteMapping("/helmfile/layout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stops keeping main's helmfile layout (ADMIN): main is read as it is again, read-only until converted or kept again")
    void stopKeepingLayout() {
        layouts.stopKeeping();
    }
}
