package io.chartroom.adoption.service;

import io.chartroom.adoption.helmfile.ChartWrappedTemplates;
import io.chartroom.adoption.helmfile.HelmfileProblem;
import io.chartroom.adoption.helmfile.HelmfileRead;
import io.chartroom.adoption.helmfile.HelmfileReader;
import io.chartroom.adoption.helmfile.ReleaseMapping;
import io.chartroom.adoption.helmfile.RepositoryFiles;
import io.chartroom.base.error.ConflictException;
import io.chartroom.base.settings.DataDirectory;
import io.chartroom.gitops.domain.RepositoryTexts;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.render.service.RenderService;
import io.chartroom.settings.domain.Setting;
import io.chartroom.settings.service.RuntimeSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * A commit of the GitOps repository read the way helmfile reads it, every template run by Helm's engine in the
 * render workers, and mapped to what it would become in Chartroom. One read at a time: a read runs many templates
 * on the workers that previews and the reconciler share. Callers check who may.
 */
@Component
class HelmfileReading {

    /** What was read, what it maps to, and every problem of both (and of files not read: links, too large). */
    record Result(String commit, HelmfileRead read, ReleaseMapping.Mapped mapped, List<HelmfileProblem> problems) {}

    private final GitOpsRepository gitops;
    private final RenderService render;
    private final DataDirectory data;
    private final RuntimeSettings settings;
    private final Semaphore reading = new Semaphore(1);

    HelmfileReading(GitOpsRepository gitops, RenderService render, DataDirectory data, RuntimeSettings settings) {
        this.gitops = gitops;
        this.render = render;
        this.data = data;
        this.settings = settings;
    }

    /** Read now, or refused while another read runs ({@code wait} false: a user asking); {@code wait}: queued for up to 5 minutes. */
    Result read(String commit, boolean wait) {
        return read(commit, () -> gitops.texts(commit, RepositoryFiles.MAX_FILE), wait);
    }

    /** Another repository's commit, its texts as fetched (a Git URL). */
    Result read(String commit, java.util.function.Supplier<RepositoryTexts> source, boolean wait) {
        if (!acquire(wait)) {
            throw new ConflictException("a read of the repository is running: try again when it is done");
        }
        try (ScratchDirectory work = ScratchDirectory.under(data, "read-")) {
            RepositoryTexts texts = source.get();
            java.util.Set<String> allowlist = java.util.Arrays.stream(settings.value(Setting.HELMFILE_ENV_ALLOWLIST).split(","))
                    .filter(n -> !n.isBlank()).collect(java.util.stream.Collectors.toSet());
            Map<String, String> environment = new java.util.HashMap<>();
            allowlist.forEach(name -> {
                String value = System.getenv(name);
                if (value != null) {
                    environment.put(name, value);
                }
            });
            HelmfileRead read = new HelmfileReader(new RepositoryFiles(texts.files(), texts.tooLarge()),
                    new ChartWrappedTemplates(work.path(), this::template, allowlist, environment)).read();
            ReleaseMapping.Mapped mapped = ReleaseMapping.map(read);
            List<HelmfileProblem> problems = new ArrayList<>(read.problems());
            problems.addAll(mapped.problems());
            texts.symlinks().forEach(p -> problems.add(new HelmfileProblem(p, 0, HelmfileProblem.Kind.WARNING, "a symbolic link: not followed")));
            texts.tooLarge().forEach(p -> problems.add(new HelmfileProblem(p, 0, HelmfileProblem.Kind.WARNING,
                    "over " + RepositoryFiles.MAX_FILE / 1024 + " KB: not read")));
            return new Result(commit, read, mapped, problems);
        } finally {
            reading.release();
        }
    }

    private boolean acquire(boolean wait) {
        try {
            return wait ? reading.tryAcquire(5, java.util.concurrent.TimeUnit.MINUTES) : reading.tryAcquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ChartWrappedTemplates.Renderer.Result template(Path chart, String chartKey, String values) {
        RenderService.Outcome outcome = render.template(new RenderService.Job(chart, chartKey, "helmfile", "default", null, values, false));
        return new ChartWrappedTemplates.Renderer.Result(outcome.ok() ? outcome.manifest() : null, outcome.ok() ? null : outcome.error());
    }
}
