package io.chartroom.adoption.service;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.environments.service.EnvironmentService;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Where an imported Helm release goes: the environment that selects its cluster, and a registered repository that has its chart. */
@Component
class ImportTargets {

    record Chart(String repository, long versionId) {}

    private final EnvironmentService environments;
    private final CatalogService catalog;

    ImportTargets(EnvironmentService environments, CatalogService catalog) {
        this.environments = environments;
        this.catalog = catalog;
    }

    /** The environments whose selector selects the cluster, by name. */
    List<String> environments(String cluster) {
        return environments.targets().stream().filter(t -> t.clusterNames().contains(cluster)).map(t -> t.environment().name()).sorted().toList();
    }

    /** The environment asked for, if it selects the cluster; else the only one that does. */
    String environment(String cluster, @Nullable String asked) {
        List<String> selecting = environments(cluster);
        if (selecting.isEmpty()) {
            throw InvalidInputException.of("environment", "no environment selects " + cluster + ": add one whose cluster selector matches its labels first");
        }
        if (asked != null && !asked.isBlank()) {
            if (!selecting.contains(asked.strip())) {
                throw InvalidInputException.of("environment", asked.strip() + " does not select " + cluster + "; these do: " + String.join(", ", selecting));
            }
            return asked.strip();
        }
        if (selecting.size() > 1) {
            throw InvalidInputException.of("environment", "several environments select " + cluster + ": choose one of " + String.join(", ", selecting));
        }
        return selecting.getFirst();
    }

    /** The chart version in the repository asked for, else in the only registered repository that has it and can use it. */
    Chart chart(String chart, String version, @Nullable String asked) {
        List<Chart> found = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (ChartRepository repository : catalog.repositories()) {
            if (asked != null && !asked.isBlank() && !repository.name().equals(asked.strip())) {
                continue;
            }
            try {
                CatalogService.VersionDetail detail = catalog.version(repository.name(), chart, version);
                if (detail.usable()) {
                    found.add(new Chart(repository.name(), detail.version().id()));
                } else {
                    unusable.add(repository.name() + " (" + detail.unusableReason() + ")");
                }
            } catch (NotFoundException notThere) {
                // the next repository may have it
            }
        }
        if (found.isEmpty()) {
            throw InvalidInputException.of("repository", "no registered chart repository" + (asked == null || asked.isBlank() ? "" : " named " + asked.strip())
                    + " has " + chart + " " + version + (unusable.isEmpty() ? "" : " that can be used: " + String.join("; ", unusable))
                    + ": register the repository that serves it (Catalog) and sync it");
        }
        if (found.size() > 1) {
            throw InvalidInputException.of("repository", "several repositories have " + chart + " " + version + ": choose one of "
                    + String.join(", ", found.stream().map(Chart::repository).toList()));
        }
        return found.getFirst();
    }
}
