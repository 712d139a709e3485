package io.chartroom.catalog.service;

import io.chartroom.catalog.domain.ChartArchive;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.ChartRepositoryStore;
import io.chartroom.catalog.domain.ChartStore;
import io.chartroom.catalog.domain.ChartSummary;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.catalog.domain.RepositoryType;
import io.chartroom.catalog.domain.VersionMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.semver4j.Semver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Resolves the dependencies a chart declares: vendored subcharts are used as they are; the others are found
 * in the registered repositories (by URL, by repository name or by an admin-defined alias) at the newest
 * version that satisfies the declared constraint. What cannot be resolved is reported, never guessed.
 */
@Component
public class DependencyResolver {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final ChartRepositoryStore repositories;
    private final ChartStore charts;

    public DependencyResolver(ChartRepositoryStore repositories, ChartStore charts) {
        this.repositories = repositories;
        this.charts = charts;
    }

    public List<DependencyStatus> resolve(ChartVersion version, ChartArchive archive) {
        List<DependencyStatus> out = new ArrayList<>();
        List<ChartRepository> registered = repositories.findAll();
        Map<String, String> locked = locked(archive);
        for (VersionMetadata.Dependency d : declared(version, archive)) {
            String constraint = d.version() == null || d.version().isBlank() ? "*" : d.version();
            if (archive.vendored().contains(d.name())) {
                out.add(new DependencyStatus(d.name(), d.alias(), constraint, d.repository(), DependencyStatus.State.VENDORED,
                        null, null, null, "vendored in charts/"));
                continue;
            }
            out.add(resolveFromRepositories(d, constraint, registered, locked.get(d.name())));
        }
        return out;
    }

    private DependencyStatus resolveFromRepositories(VersionMetadata.Dependency d, String constraint, List<ChartRepository> registered,
                                                     String lockedVersion) {
        String repository = d.repository() == null ? "" : d.repository().strip();
        if (repository.isEmpty() || repository.startsWith("file://")) {
            return unresolved(d, constraint, "declared as " + (repository.isEmpty() ? "local" : repository)
                    + " but not vendored in the archive's charts/ directory");
        }
        Optional<ChartRepository> match = registered.stream().filter(r -> matches(r, repository)).findFirst();
        if (match.isEmpty()) {
            // what an ADMIN can do about it, on the Repositories page, with the exact text to enter
            if (repository.startsWith("@") || repository.startsWith("alias:")) {
                String alias = repository.substring(repository.indexOf(repository.startsWith("@") ? "@" : ":") + 1);
                return unresolved(d, constraint, "no registered repository is named " + alias + " or has the alias " + alias
                        + ": an ADMIN registers the repository that serves " + d.name() + " under the name " + alias
                        + ", or adds " + alias + " to its Aliases (Repositories)");
            }
            return unresolved(d, constraint, "no registered repository has the URL " + repository + ": an ADMIN registers it (Repositories), "
                    + "or adds " + repository + " to the Aliases of the registered repository that mirrors it");
        }
        ChartRepository repo = match.get();
        Optional<ChartSummary> chart = charts.find(repo.name(), d.name());
        if (chart.isEmpty()) {
            return unresolved(d, constraint, repository + " resolves to " + repo.name() + ", which has no chart named " + d.name()
                    + " (as of its last sync: sync it if the chart was added since)");
        }
        List<ChartVersion> versions = charts.versions(chart.get().id());
        if (lockedVersion != null) {
            // the version the chart's author pinned (Chart.lock, requirements.lock), as `helm dependency build` takes it
            for (ChartVersion candidate : versions) {
                if (candidate.version().equals(lockedVersion)) {
                    return new DependencyStatus(d.name(), d.alias(), constraint, repository, DependencyStatus.State.RESOLVED,
                            repo.name(), candidate.version(), candidate.id(), "resolved from " + repo.name() + " at the locked version");
                }
            }
        }
        String range = constraint.replace(",", " ");
        for (ChartVersion candidate : versions) {
            Semver semver = Semver.parse(candidate.version());
            if (semver != null && satisfies(semver, range)) {
                return new DependencyStatus(d.name(), d.alias(), constraint, repository, DependencyStatus.State.RESOLVED,
                        repo.name(), candidate.version(), candidate.id(), "resolved from " + repo.name());
            }
        }
        return unresolved(d, constraint, repo.name() + " has no version of " + d.name() + " matching " + constraint
                + (versions.isEmpty() ? "" : " (newest: " + versions.getFirst().version() + ")"));
    }

    private static boolean satisfies(Semver semver, String range) {
        try {
            return semver.satisfies(range);
        } catch (RuntimeException invalid) {
            return false;
        }
    }

    /** A repository reference from Chart.yaml: its URL, "@name" or "alias:name". */
    static boolean matches(ChartRepository repo, String reference) {
        if (reference.startsWith("@") || reference.startsWith("alias:")) {
            String alias = reference.startsWith("@") ? reference.substring(1) : reference.substring("alias:".length());
            return repo.name().equals(alias) || repo.aliases().contains(alias);
        }
        String normalized = trimSlash(reference);
        // a repository's aliases may name the URLs it mirrors (a chart depending on https://charts.upstream/ served locally)
        boolean mirrored = repo.aliases().stream().anyMatch(a -> trimSlash(a).equalsIgnoreCase(normalized));
        if (repo.type() == RepositoryType.OCI) {
            return normalized.equals(trimSlash(repo.url())) || mirrored;
        }
        return normalized.equalsIgnoreCase(trimSlash(repo.url())) || mirrored;
    }

    private static String trimSlash(String url) {
        return url.replaceAll("/+$", "");
    }

    private static DependencyStatus unresolved(VersionMetadata.Dependency d, String constraint, String message) {
        return new DependencyStatus(d.name(), d.alias(), constraint, d.repository(), DependencyStatus.State.UNRESOLVED,
                null, null, null, message);
    }

    /**
     * The dependencies the chart declares: Chart.yaml's (apiVersion v2) or requirements.yaml's (apiVersion v1, as
     * Helm 3 reads it), else those of the index entry.
     */
    static List<VersionMetadata.Dependency> declared(ChartVersion version, ChartArchive archive) {
        if (archive != null && archive.chartYaml() != null) {
            try {
                JsonNode chartYaml = YAML.readTree(archive.chartYaml());
                if (chartYaml.has("dependencies")) {
                    return IndexEntryReader.dependencies(chartYaml.get("dependencies"));
                }
                if (archive.requirementsYaml() != null && YAML.readTree(archive.requirementsYaml()).has("dependencies")) {
                    return IndexEntryReader.dependencies(YAML.readTree(archive.requirementsYaml()).get("dependencies"));
                }
            } catch (RuntimeException unreadable) {
                // fall back to the index entry
            }
        }
        return version.metadata().dependencies();
    }

    /** The versions the lock pins, by dependency name. */
    static Map<String, String> locked(ChartArchive archive) {
        Map<String, String> pinned = new HashMap<>();
        if (archive == null || archive.lockYaml() == null) {
            return pinned;
        }
        try {
            JsonNode lock = YAML.readTree(archive.lockYaml());
            for (JsonNode d : lock.path("dependencies")) {
                if (d.hasNonNull("name") && d.hasNonNull("version")) {
                    pinned.put(d.get("name").asString(), d.get("version").asString());
                }
            }
        } catch (RuntimeException unreadable) {
            // an unreadable lock pins nothing: the constraints decide
        }
        return pinned;
    }
}
