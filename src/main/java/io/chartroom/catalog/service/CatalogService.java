package io.chartroom.catalog.service;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.domain.ChartArchive;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.ChartRepositoryStore;
import io.chartroom.catalog.domain.ChartStore;
import io.chartroom.catalog.domain.ChartSummary;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Service;

/** Browsing the catalog: search, a chart and its versions, what a version holds. Open to every role. */
@Service
public class CatalogService {

    /** A chart version with what the catalog knows about it, for its page. */
    public record VersionDetail(
            ChartSummary chart,
            ChartVersion version,
            ChartArchive archive,
            String archiveError,
            String readmeHtml,
            List<DependencyStatus> dependencies) {

        /** Whether a release can be made from this version; if not, {@link #unusableReason()} says why. */
        public boolean usable() {
            return archive != null && dependencies.stream().allMatch(DependencyStatus::usable);
        }

        public String unusableReason() {
            if (archive == null) {
                return "The chart archive cannot be used: " + archiveError;
            }
            return dependencies.stream().filter(d -> !d.usable()).findFirst()
                    .map(d -> "The dependency " + d.name() + " cannot be resolved: " + d.message()).orElse(null);
        }
    }

    private final ChartStore charts;
    private final ChartRepositoryStore repositories;
    private final ChartArchiveService archives;
    private final DependencyResolver dependencies;
    private final ReadmeRenderer readme;
    private final CurrentUser currentUser;

    public CatalogService(ChartStore charts, ChartRepositoryStore repositories, ChartArchiveService archives,
                          DependencyResolver dependencies, ReadmeRenderer readme, CurrentUser currentUser) {
        this.charts = charts;
        this.repositories = repositories;
        this.archives = archives;
        this.dependencies = dependencies;
        this.readme = readme;
        this.currentUser = currentUser;
    }

    public List<ChartSummary> search(ChartStore.Query query, int offset, int limit) {
        currentUser.require(Role.VIEWER);
        return charts.search(query, offset, Math.min(limit, 500));
    }

    public int count(ChartStore.Query query) {
        currentUser.require(Role.VIEWER);
        return charts.count(query);
    }

    public List<String> keywords() {
        currentUser.require(Role.VIEWER);
        return charts.topKeywords(200);
    }

    /** Repository names and ids, for filters (no settings, no credentials). */
    public List<ChartRepository> repositories() {
        currentUser.require(Role.VIEWER);
        return repositories.findAll();
    }

    public ChartSummary chart(String repository, String name) {
        currentUser.require(Role.VIEWER);
        return charts.find(repository, name)
                .orElseThrow(() -> new NotFoundException("chart " + repository + "/" + name + " does not exist"));
    }

    public List<ChartVersion> versions(ChartSummary chart) {
        currentUser.require(Role.VIEWER);
        return charts.versions(chart.id());
    }

    /** A version with its archive's contents (fetched on first use), rendered README and dependencies. */
    public VersionDetail version(String repository, String name, String version) {
        currentUser.require(Role.VIEWER);
        ChartSummary chart = chart(repository, name);
        ChartVersion v = charts.version(chart.id(), version)
                .orElseThrow(() -> new NotFoundException("chart " + repository + "/" + name + " has no version " + version));
        return detail(chart, v);
    }

    public VersionDetail version(long versionId) {
        currentUser.require(Role.VIEWER);
        ChartVersion v = charts.version(versionId).orElseThrow(() -> new NotFoundException("chart version " + versionId + " does not exist"));
        return detail(charts.find(v.chartId()).orElseThrow(), v);
    }

    /** The version ready for Helm: unpacked, with its dependencies. Fails with the reason for an unusable chart. */
    public ChartArchiveService.PreparedChart prepare(long versionId) {
        currentUser.require(Role.VIEWER);
        VersionDetail detail = version(versionId);
        if (!detail.usable()) {
            throw new RepositoryFetchException(detail.unusableReason());
        }
        return archives.prepare(detail.version(), detail.dependencies());
    }

    private VersionDetail detail(ChartSummary chart, ChartVersion v) {
        try {
            ChartArchive archive = archives.archive(v);
            ChartVersion filled = IndexEntryReader.withChartYaml(v, archive.chartYaml());
            return new VersionDetail(chart, filled, archive, null, readme.toSafeHtml(archive.readme()), dependencies.resolve(filled, archive));
        } catch (RepositoryFetchException e) {
            return new VersionDetail(chart, v, null, e.getMessage(), "", List.of());
        }
    }
}
