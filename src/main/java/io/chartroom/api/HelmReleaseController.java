package io.chartroom.api;

import io.chartroom.adoption.service.HelmReleaseImports;
import io.chartroom.adoption.service.HelmReleasesFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}/helm-releases")
@Tag(name = "Helm releases on clusters")
class HelmReleaseController {

    private final HelmReleasesFound found;
    private final HelmReleaseImports imports;

    HelmReleaseController(HelmReleasesFound found, HelmReleaseImports imports) {
        this.found = found;
        this.imports = imports;
    }

    @GetMapping
    @Operation(summary = "The Helm releases the cluster runs (Helm's release Secrets): chart, version, status, and whether each was imported; never their values")
    List<HelmReleasesFound.Found> list(@PathVariable String cluster) {
        return found.onCluster(cluster);
    }

    @PostMapping("/{namespace}/{name}/import")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Imports a Helm release as a Chartroom release through a change request (DEVELOPER of the team); literal secrets in "
            + "Helm's values need references; the answer compares what Helm applied with what Chartroom will apply")
    HelmReleaseImports.Imported importRelease(@PathVariable String cluster, @PathVariable String namespace, @PathVariable String name,
                                              @RequestBody HelmReleaseImports.ImportRequest request) {
        return imports.importRelease(cluster, namespace, name, request);
    }

    @DeleteMapping("/{namespace}/{name}")
    @Operation(summary = "Removes Helm's release Secrets of an adopted release (ADMIN): refused until Chartroom applies it there in sync")
    Map<String, Integer> forgetHelmRecord(@PathVariable String cluster, @PathVariable String namespace, @PathVariable String name) {
        return Map.of("removed", found.forgetHelmRecord(cluster, namespace, name));
    }
}
