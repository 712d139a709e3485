package io.chartroom.api;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.releases.service.ReleaseDraft;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Turns a release as API clients describe it (chart by repository, name and version) into a draft. */
@Component
class ReleaseRequests {

    private final CatalogService catalog;

    ReleaseRequests(CatalogService catalog) {
        this.catalog = catalog;
    }

    ReleaseDraft draft(ReleaseController.ReleaseRequest r) {
        long versionId = -1;
        Map<String, Long> environmentVersionIds = new TreeMap<>();
        if (r.repository() != null && r.chart() != null && r.version() != null) {
            versionId = versionId(r, r.version());
            if (r.environmentVersions() != null) {
                r.environmentVersions().forEach((env, version) -> environmentVersionIds.put(env, versionId(r, version)));
            }
        }
        return new ReleaseDraft(r.name(), r.namespace(), r.team(), versionId, r.environments(), r.values(), r.environmentValues(),
                environmentVersionIds);
    }

    private long versionId(ReleaseController.ReleaseRequest r, String version) {
        ChartVersion found = catalog.versions(catalog.chart(r.repository(), r.chart())).stream()
                .filter(v -> v.version().equals(version)).findFirst()
                .orElseThrow(() -> new NotFoundException("chart " + r.repository() + "/" + r.chart() + " has no version " + version));
        return found.id();
    }
}
