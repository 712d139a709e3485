package io.chartroom.releases.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.domain.ChartArchive;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.releases.form.FormField;
import io.chartroom.releases.form.InferredFormBuilder;
import io.chartroom.releases.form.SchemaFormBuilder;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The chart versions releases use, as the catalog has them: a version's form and defaults, and the version a
 * release's chart reference names. No role is checked here; the catalog checks VIEWER on its own lookups.
 */
@Component
class ReleaseCharts {

    private final CatalogService catalog;
    private final Cache<String, ChartForm> forms = Caffeine.newBuilder().maximumSize(256).build();
    /** Archives by digest, one instance for every open editor: a 150 KB schema is held once, not once per tab. */
    private final Cache<String, ChartArchive> archives = Caffeine.newBuilder().maximumSize(256).build();

    ReleaseCharts(CatalogService catalog) {
        this.catalog = catalog;
    }

    private record ChartForm(FormField.Group form, Map<String, Object> defaults) {}

    ChartInfo info(long versionId) {
        CatalogService.VersionDetail detail = shared(catalog.version(versionId));
        ChartRepository repository = catalog.repositories().stream()
                .filter(r -> r.id() == detail.chart().repositoryId()).findFirst()
                .orElseThrow(() -> new NotFoundException("the chart's repository is gone"));
        boolean hasSchema = detail.archive() != null && detail.archive().hasSchema();
        // a chart version's content is fixed by its digest: its form and defaults are built once
        ChartForm built = forms.get(versionId + "@" + detail.version().digest(), k -> new ChartForm(
                hasSchema ? SchemaFormBuilder.build(detail.archive().valuesSchema())
                        : InferredFormBuilder.build(detail.archive() == null ? "" : detail.archive().valuesYaml()),
                detail.archive() == null ? Map.of() : ValuesTree.frozen(safeParse(detail.archive().valuesYaml()))));
        // the defaults are read only (layers and renders copy what they change): one instance for every open editor
        return new ChartInfo(detail, repository, built.form(), built.defaults(), hasSchema);
    }

    private CatalogService.VersionDetail shared(CatalogService.VersionDetail detail) {
        if (detail.archive() == null) {
            return detail;
        }
        ChartArchive archive = archives.get(detail.archive().digest(), digest -> detail.archive());
        return archive == detail.archive() ? detail : new CatalogService.VersionDetail(detail.chart(), detail.version(), archive,
                detail.archiveError(), detail.readmeHtml(), detail.dependencies());
    }

    /** Every version of the chart that {@code versionId} is a version of, newest first (the catalog's SemVer order). */
    List<ChartVersion> versionsOfSameChart(long versionId) {
        CatalogService.VersionDetail detail = catalog.version(versionId);
        return catalog.versions(detail.chart());
    }

    /** The catalog's id of the version a release names, found by repository, chart and version. */
    long versionId(ChartReference chart) {
        return catalog.versions(catalog.chart(chart.repository(), chart.chart())).stream()
                .filter(v -> v.version().equals(chart.version())).findFirst()
                .orElseThrow(() -> new NotFoundException(chart.repository() + "/" + chart.chart() + " " + chart.version()
                        + " is no longer in the catalog"))
                .id();
    }

    /** A release description as a draft: the chart must still be in the catalog. */
    ReleaseDraft draftOf(ReleaseDescription release) {
        Map<String, Long> environmentVersionIds = new TreeMap<>();
        release.chartVersions().keySet().forEach(env -> environmentVersionIds.put(env, versionId(release.chartFor(env))));
        return ReleaseDraft.of(release, versionId(release.chart()), environmentVersionIds);
    }

    private static Map<String, Object> safeParse(String yaml) {
        try {
            return ValuesYaml.parse(yaml, "values.yaml");
        } catch (InvalidInputException e) {
            return Map.of();
        }
    }
}
