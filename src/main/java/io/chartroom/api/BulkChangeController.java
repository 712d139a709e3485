package io.chartroom.api;

import io.chartroom.changes.service.BulkChanges;
import io.chartroom.gitops.domain.Proposal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Several releases of one chart upgraded or promoted as one change request. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Releases")
class BulkChangeController {

    /** {@code releases}: names (none: every release of the chart); {@code team}: whose (required when several teams have releases of it). */
    record BulkUpgradeRequest(String repository, String chart, String team, List<String> releases, String environment, String version,
                              String title, String description) {}

    record BulkPromotionRequest(String repository, String chart, String team, List<String> releases, String from, String to,
                                Boolean skipEnvironments, String title, String description) {}

    private final BulkChanges bulk;

    BulkChangeController(BulkChanges bulk) {
        this.bulk = bulk;
    }

    @PostMapping("/upgrades")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open one change request that moves an environment (or the base) of several releases of a chart to a version; "
            + "releases already there are left out; each blocking finding is named with its release")
    ChangeRequestController.Summary upgrade(@RequestBody BulkUpgradeRequest r) {
        return ChangeRequestController.Summary.of(bulk.upgrade(new BulkChanges.Selection(r.repository(), r.chart(), r.team(), r.releases()),
                r.environment() == null || r.environment().isBlank() ? null : r.environment(), r.version(),
                new Proposal(r.title(), r.description(), null)));
    }

    @PostMapping("/promotions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open one change request that gives the next environment of several releases of a chart the version of this one")
    ChangeRequestController.Summary promote(@RequestBody BulkPromotionRequest r) {
        return ChangeRequestController.Summary.of(bulk.promote(new BulkChanges.Selection(r.repository(), r.chart(), r.team(), r.releases()),
                r.from(), r.to(), Boolean.TRUE.equals(r.skipEnvironments()), new Proposal(r.title(), r.description(), null)));
    }
}
