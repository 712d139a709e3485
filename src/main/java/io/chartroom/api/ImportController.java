package io.chartroom.api;

import io.chartroom.adoption.service.HelmfileImports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports")
class ImportController {

    private final HelmfileImports helmfiles;

    ImportController(HelmfileImports helmfiles) {
        this.helmfiles = helmfiles;
    }

    @PostMapping("/helmfile")
    @Operation(summary = "Reads the GitOps repository's main as helmfile does (DEVELOPER): its environments, each environment's releases, "
            + "the chart repositories it names, and every file and line it could not read; writes nothing, shows no values")
    HelmfileImports.Report readHelmfile() {
        return helmfiles.readMain();
    }
}
