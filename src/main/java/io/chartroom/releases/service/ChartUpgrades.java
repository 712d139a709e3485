package io.chartroom.releases.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.catalog.service.ChartUsage;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import java.time.Duration;
import java.util.Optional;
import org.semver4j.Semver;
import org.springframework.stereotype.Service;

/**
 * Which releases run an older version of their chart than the newest stable one in the catalog: "1.3.0 available" on
 * a release, "3 releases can upgrade" on the chart. Pre-releases are offered in the pickers but never announced.
 */
@Service
public class ChartUpgrades implements ChartUsage {

    private final CatalogService catalog;
    private final ReleaseQueries releases;
    /** The newest stable version per chart, briefly: a list of releases asks once per chart, not once per row. */
    private final Cache<String, Optional<String>> newest = Caffeine.newBuilder().maximumSize(1024)
            .expireAfterWrite(Duration.ofSeconds(30)).build();

    ChartUpgrades(CatalogService catalog, ReleaseQueries releases) {
        this.catalog = catalog;
        this.releases = releases;
    }

    /** The newest stable version of the release's chart, when some environment of the release runs an older one. */
    public Optional<String> available(ReleaseDescription release) {
        Optional<String> newestStable = newestStable(release.chart());
        if (newestStable.isEmpty()) {
            return Optional.empty();
        }
        Semver target = Semver.parse(newestStable.get());
        boolean older = release.environments().stream().map(release::versionFor).map(Semver::parse)
                .anyMatch(v -> v != null && target != null && v.isLowerThan(target));
        return older ? newestStable : Optional.empty();
    }

    @Override
    public Optional<String> upgradable(String repository, String chart) {
        long count = releases.onMain().stream()
                .filter(r -> r.chart().repository().equals(repository) && r.chart().chart().equals(chart))
                .filter(r -> available(r).isPresent()).count();
        return count == 0 ? Optional.empty() : newestStable(new ChartReference(repository, "", false, chart, ""))
                .map(v -> count + (count == 1 ? " release can" : " releases can") + " upgrade to " + v);
    }

    private Optional<String> newestStable(ChartReference chart) {
        return newest.get(chart.repository() + "/" + chart.chart(), k -> {
            try {
                return catalog.versions(catalog.chart(chart.repository(), chart.chart())).stream()
                        .filter(v -> !v.isPrerelease()).map(ChartVersion::version).findFirst();
            } catch (NotFoundException gone) {
                return Optional.empty();
            }
        });
    }
}
