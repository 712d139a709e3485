package io.chartroom.adoption.service;

import io.chartroom.adoption.helmfile.HelmfileProblem;
import io.chartroom.adoption.helmfile.HelmfileRead;
import io.chartroom.adoption.helmfile.ReleaseMapping;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Reads the GitOps repository's main (a team's helmfile repository, as the configured remote gave it) the way
 * helmfile does, with every template run by Helm's engine in the render workers: what environments and releases
 * it holds and every file and line that could not be read. Nothing is written. Values are counted, never shown:
 * a team's values may hold secrets.
 */
@Service
public class HelmfileImports {

    /**
     * {@code releases}: as helmfile reads them, per environment; {@code proposed}: what they would become in Chartroom
     * (one release across its environments, values split into shared and per environment).
     */
    public record Report(String commit, List<EnvironmentRow> environments, List<ReleaseRow> releases, List<ProposedRow> proposed,
                         Map<String, String> repositories, List<HelmfileProblem> problems, boolean readable) {}

    /** A release as Chartroom would hold it: counts of its shared values and of each environment layer's, never the values. */
    public record ProposedRow(String name, String namespace, @Nullable String repository, @Nullable String repositoryUrl, String chart,
                              Map<String, String> versions, List<String> environments, int sharedValueCount,
                              Map<String, Integer> environmentValueCounts, Map<String, String> sources, String file) {}

    public record EnvironmentRow(String name, @Nullable String kubeContext, int valueCount) {}

    public record ReleaseRow(String environment, String name, String namespace, String chart, @Nullable String version, boolean installed,
                             Map<String, String> labels, List<String> needs, String file, int valueCount) {}

    private final GitOpsRepository gitops;
    private final HelmfileReading reading;
    private final CurrentUser currentUser;

    HelmfileImports(GitOpsRepository gitops, HelmfileReading reading, CurrentUser currentUser) {
        this.gitops = gitops;
        this.reading = reading;
        this.currentUser = currentUser;
    }

    public Report readMain() {
        currentUser.require(Role.DEVELOPER);
        HelmfileReading.Result result = reading.read(gitops.main(), false);
        HelmfileRead read = result.read();
        return new Report(result.commit(),
                read.environments().stream().map(e -> new EnvironmentRow(e.name(), e.kubeContext(), e.values().size())).toList(),
                read.releases().stream().map(r -> new ReleaseRow(r.environment(), r.name(), r.namespace(), r.chart(), r.version(), r.installed(),
                        r.labels(), r.needs(), r.file(), r.values().size())).toList(),
                result.mapped().releases().stream().map(HelmfileImports::row).toList(),
                read.repositories(), result.problems(), read.readable());
    }

    private static ProposedRow row(ReleaseMapping.Proposed p) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        p.environmentValues().forEach((environment, values) -> counts.put(environment, values.size()));
        return new ProposedRow(p.name(), p.namespace(), p.repository(), p.repositoryUrl(), p.chart(), p.versions(), p.environments(),
                p.values().size(), counts, p.sources(), p.file());
    }
}
