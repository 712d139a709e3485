package io.chartroom.api;

import io.chartroom.catalog.domain.ChartStore;
import io.chartroom.catalog.domain.ChartSummary;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.catalog.domain.VersionMetadata;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.catalog.service.DependencyStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/charts")
@Tag(name = "Catalog")
class ChartController {

    record Page<T>(List<T> items, int total, int page, int size) {}

    record VersionView(String version, String appVersion, String description, Instant created, String digest,
                       String kubeVersion, boolean deprecated, boolean prerelease) {
        static VersionView of(ChartVersion v) {
            return new VersionView(v.version(), v.appVersion(), v.description(), v.created(), v.digest(), v.kubeVersion(),
                    v.deprecated(), v.isPrerelease());
        }
    }

    record ChartView(String repository, String name, String description, String home, String icon, List<String> keywords,
                     boolean deprecated, String latestVersion, String latestAppVersion, Instant latestCreated, int versionCount) {
        static ChartView of(ChartSummary c) {
            return new ChartView(c.repository(), c.name(), c.description(), c.home(), c.icon(), c.keywords(), c.deprecated(),
                    c.latestVersion(), c.latestAppVersion(), c.latestCreated(), c.versionCount());
        }
    }

    record ChartWithVersions(ChartView chart, List<VersionView> versions) {}

    record VersionDetailView(ChartView chart, VersionView version, VersionMetadata metadata, boolean usable,
                             String unusableReason, String chartYaml, String values, String valuesSchema, String readme,
                             String readmeHtml, List<DependencyStatus> dependencies) {}

    private final CatalogService catalog;

    ChartController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "Search charts: full text over name, keywords and description; filter by repository and keyword")
    Page<ChartView> search(@RequestParam(required = false) String q, @RequestParam(required = false) String repository,
                           @RequestParam(required = false) String keyword, @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "50") int size) {
        Long repositoryId = repository == null ? null : catalog.repositories().stream()
                .filter(r -> r.name().equals(repository)).map(r -> r.id()).findFirst().orElse(-1L);
        ChartStore.Query query = new ChartStore.Query(q, repositoryId, keyword);
        int pageSize = Math.max(1, Math.min(size, 200));
        List<ChartView> items = catalog.search(query, Math.max(0, page) * pageSize, pageSize).stream().map(ChartView::of).toList();
        return new Page<>(items, catalog.count(query), page, pageSize);
    }

    @GetMapping("/{repository}/{chart}")
    @Operation(summary = "A chart and its versions, newest first")
    ChartWithVersions chart(@PathVariable String repository, @PathVariable String chart) {
        ChartSummary summary = catalog.chart(repository, chart);
        return new ChartWithVersions(ChartView.of(summary), catalog.versions(summary).stream().map(VersionView::of).toList());
    }

    @GetMapping("/{repository}/{chart}/versions")
    @Operation(summary = "A chart's versions, newest first in semantic-version order")
    List<VersionView> versions(@PathVariable String repository, @PathVariable String chart) {
        return catalog.versions(catalog.chart(repository, chart)).stream().map(VersionView::of).toList();
    }

    @GetMapping("/{repository}/{chart}/versions/{version}")
    @Operation(summary = "A chart version: default values, values schema, README (raw and sanitized HTML), dependencies")
    VersionDetailView version(@PathVariable String repository, @PathVariable String chart, @PathVariable String version) {
        CatalogService.VersionDetail d = catalog.version(repository, chart, version);
        var a = d.archive();
        return new VersionDetailView(ChartView.of(d.chart()), VersionView.of(d.version()), d.version().metadata(), d.usable(),
                d.unusableReason(), a == null ? null : a.chartYaml(), a == null ? null : a.valuesYaml(),
                a == null ? null : a.valuesSchema(), a == null ? null : a.readme(), d.readmeHtml(), d.dependencies());
    }
}
