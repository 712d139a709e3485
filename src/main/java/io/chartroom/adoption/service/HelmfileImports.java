package io.chartroom.adoption.service;

import io.chartroom.adoption.helmfile.ChartWrappedTemplates;
import io.chartroom.adoption.helmfile.HelmfileProblem;
import io.chartroom.adoption.helmfile.HelmfileRead;
import io.chartroom.adoption.helmfile.HelmfileReader;
import io.chartroom.adoption.helmfile.ReleaseMapping;
import io.chartroom.adoption.helmfile.RepositoryFiles;
import io.chartroom.base.settings.DataDirectory;
import io.chartroom.gitops.domain.RepositoryTexts;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.render.service.RenderService;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
    private final RenderService render;
    private final DataDirectory data;
    private final CurrentUser currentUser;
    private final java.util.concurrent.Semaphore reading = new java.util.concurrent.Semaphore(1);

    HelmfileImports(GitOpsRepository gitops, RenderService render, DataDirectory data, CurrentUser currentUser) {
        this.gitops = gitops;
        this.render = render;
        this.data = data;
        this.currentUser = currentUser;
    }

    public Report readMain() {
        currentUser.require(Role.DEVELOPER);
        // one read at a time: a read runs many templates on the render workers that previews and the reconciler share
        if (!reading.tryAcquire()) {
            throw new io.chartroom.base.error.ConflictException("a read of the repository is running: try again when it is done");
        }
        try {
            return read();
        } finally {
            reading.release();
        }
    }

    private Report read() {
        String commit = gitops.main();
        RepositoryTexts texts = gitops.texts(commit, RepositoryFiles.MAX_FILE);
        Path work = workDirectory();
        try {
            HelmfileRead read = new HelmfileReader(new RepositoryFiles(texts.files(), texts.tooLarge()), new ChartWrappedTemplates(work, this::template)).read();
            ReleaseMapping.Mapped mapped = ReleaseMapping.map(read);
            List<HelmfileProblem> problems = new ArrayList<>(read.problems());
            problems.addAll(mapped.problems());
            texts.symlinks().forEach(p -> problems.add(new HelmfileProblem(p, 0, HelmfileProblem.Kind.WARNING,
                    "a symbolic link: not followed")));
            texts.tooLarge().forEach(p -> problems.add(new HelmfileProblem(p, 0, HelmfileProblem.Kind.WARNING,
                    "over " + RepositoryFiles.MAX_FILE / 1024 + " KB: not read")));
            return new Report(commit,
                    read.environments().stream().map(e -> new EnvironmentRow(e.name(), e.kubeContext(), e.values().size())).toList(),
                    read.releases().stream().map(r -> new ReleaseRow(r.environment(), r.name(), r.namespace(), r.chart(), r.version(), r.installed(),
                            r.labels(), r.needs(), r.file(), r.values().size())).toList(),
                    mapped.releases().stream().map(HelmfileImports::row).toList(),
                    read.repositories(), problems, read.readable());
        } finally {
            delete(work);
        }
    }

    private static ProposedRow row(ReleaseMapping.Proposed p) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        p.environmentValues().forEach((environment, values) -> counts.put(environment, values.size()));
        return new ProposedRow(p.name(), p.namespace(), p.repository(), p.repositoryUrl(), p.chart(), p.versions(), p.environments(),
                p.values().size(), counts, p.sources(), p.file());
    }

    private ChartWrappedTemplates.Renderer.Result template(Path chart, String chartKey, String values) {
        RenderService.Outcome outcome = render.template(new RenderService.Job(chart, chartKey, "helmfile", "default", null, values, false));
        return new ChartWrappedTemplates.Renderer.Result(outcome.ok() ? outcome.manifest() : null, outcome.ok() ? null : outcome.error());
    }

    private Path workDirectory() {
        try {
            return Files.createTempDirectory(data.directory("helmfile-imports"), "read-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover scratch directory under the data directory; the next start does not need it
        }
    }
}
