package io.chartroom.adoption.service;

import io.chartroom.adoption.helmfile.HelmfileRead;
import io.chartroom.adoption.helmfile.ReleaseMapping;
import io.chartroom.base.error.InvalidInputException.Problem;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.RepositoryType;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.values.ValuesPaths;
import io.chartroom.releases.values.ValuesYaml;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A release proposed from helmfile as Chartroom writes it: its chart from the registered repository with the URL
 * the helmfile names, each environment's version there, and its values, which must hold no literal secret (Chartroom
 * keeps references, never secrets, in Git; helmfile reads the same {@code ref+} references through vals).
 */
@Component
class ConversionCharts {

    private final CatalogService catalog;
    private final ReleaseDraftService drafts;

    ConversionCharts(CatalogService catalog, ReleaseDraftService drafts) {
        this.catalog = catalog;
        this.drafts = drafts;
    }

    /** The release, or null with what is wrong added to {@code problems}. */
    @Nullable ReleaseDescription describe(ReleaseMapping.Proposed p, String team, List<String> environmentOrder, HelmfileRead read,
                                          List<Problem> problems) {
        String where = "releases." + p.name();
        Optional<ChartRepository> repository = p.repositoryUrl() == null ? Optional.empty() : repository(p.repositoryUrl());
        if (repository.isEmpty()) {
            problems.add(new Problem(where, "no registered chart repository has the URL " + p.repositoryUrl() + " (" + p.file()
                    + "): register it in the Catalog and sync it"));
            return null;
        }
        int before = problems.size();
        Map<String, String> versions = new TreeMap<>();
        for (String environment : p.environments()) {
            String version = p.versions().get(environment);
            if (version == null || version.isBlank()) {
                problems.add(new Problem(where + "." + environment, "no chart version in " + p.file() + ": Chartroom runs an exact version; add version:"));
                continue;
            }
            versions.put(environment, version);
            Long versionId = versionId(repository.get(), p.chart(), version, where + "." + environment, problems);
            if (versionId != null) {
                secrets(versionId, values(read, p, environment), where + "." + environment, problems);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        ChartRepository repo = repository.get();
        String base = mostUsed(versions, environmentOrder);
        List<String> environments = environmentOrder.stream().filter(p.environments()::contains).toList();
        Map<String, String> layers = new TreeMap<>();
        p.environmentValues().forEach((environment, values) -> {
            if (!values.isEmpty()) {
                layers.put(environment, ValuesYaml.dump(values));
            }
        });
        return new ReleaseDescription(p.name(), p.namespace(), team, new ChartReference(repo.name(), repo.url(), repo.type() == RepositoryType.OCI,
                p.chart(), base), environments, p.values().isEmpty() ? "" : ValuesYaml.dump(p.values()), layers, versions);
    }

    private Optional<ChartRepository> repository(String url) {
        String wanted = withoutSlash(url);
        return catalog.repositories().stream().filter(r -> withoutSlash(r.url()).equals(wanted)).findFirst();
    }

    private @Nullable Long versionId(ChartRepository repository, String chart, String version, String where, List<Problem> problems) {
        try {
            CatalogService.VersionDetail detail = catalog.version(repository.name(), chart, version);
            if (!detail.usable()) {
                problems.add(new Problem(where, chart + " " + version + " in " + repository.name() + " cannot be used: " + detail.unusableReason()));
                return null;
            }
            return detail.version().id();
        } catch (NotFoundException missing) {
            problems.add(new Problem(where, repository.name() + " has no " + chart + " " + version + ": sync the repository, or pin a version it has"));
            return null;
        }
    }

    private void secrets(long versionId, Map<String, Object> values, String where, List<Problem> problems) {
        List<String> paths = drafts.literalSecrets(versionId, values).stream().map(ValuesPaths::text).toList();
        if (!paths.isEmpty()) {
            problems.add(new Problem(where, "holds a secret as a literal value at " + String.join(", ", paths) + ": Git gets no secrets from "
                    + "Chartroom; in the helmfile repository, give a reference instead (ref+awsssm://path/to/parameter, which helmfile reads "
                    + "through vals), then convert"));
        }
    }

    /** The helmfile release's values in the environment: what Helm gets there. */
    static Map<String, Object> values(HelmfileRead read, ReleaseMapping.Proposed p, String environment) {
        String name = p.sources().get(environment);
        return read.releases().stream().filter(r -> r.environment().equals(environment) && r.name().equals(name)).findFirst()
                .map(HelmfileRead.Release::values).orElse(Map.of());
    }

    /** The version most environments run becomes the base; the others are per environment (the first environment's on a tie). */
    private static String mostUsed(Map<String, String> versions, List<String> order) {
        Map<String, Long> counts = versions.values().stream().collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
        return versions.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, String> e) -> -counts.get(e.getValue())).thenComparing(e -> order.indexOf(e.getKey())))
                .findFirst().orElseThrow().getValue();
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
