package io.chartroom.adoption.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.adoption.domain.KeptHelmfileLayout;
import io.chartroom.adoption.domain.KeptHelmfileLayoutRepository;
import io.chartroom.adoption.helmfile.HelmfileProblem;
import io.chartroom.adoption.helmfile.ReleaseMapping;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.InvalidInputException.Problem;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.ForeignLayoutReading;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.security.service.SystemActor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A kept helmfile repository read as Chartroom's layout: each commit of it that Chartroom cannot read as it is gets a
 * derived commit, never on main and never pushed, holding its environments (the ADMIN's selectors) and its releases as
 * the conversion would write them (values from helmfile, split into layers whose merge is what helmfile gives Helm).
 * Every reader of releases and environments (the release pages, reviews, the reconciler) reads that commit. Derived
 * commits are chained on {@link #REF} so that garbage collection keeps them; the same helmfile commit derives the same
 * tree on every replica. A commit any release of which cannot be read derives nothing: reading it fails with each
 * problem's file and line, so that an edit is refused and the reconciler applies and prunes nothing rather than a part.
 */
@Component
class KeptHelmfileReading implements ForeignLayoutReading {

    static final String REF = REFS + "kept-helmfile";
    private static final Duration RETRY_REFUSED = Duration.ofMinutes(1);
    private static final Object CHOICE = new Object();

    private final KeptHelmfileLayoutRepository choices;
    private final GitOpsRepository gitops;
    private final RepositoryCheck repositoryCheck;
    private final HelmfileReading reading;
    private final ConversionCharts charts;
    private final SystemActor system;
    // the choice, looked up again every few seconds (another replica may change it); by commit, what derives from it
    private final Cache<Object, Optional<KeptHelmfileLayout>> choice = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).build();
    // a commit's derived commit, or why it has none (read once: a broken commit is not read again at every release read)
    private final Cache<String, Object> derived = Caffeine.newBuilder().maximumSize(256).build();
    private final Set<String> derivedCommits = ConcurrentHashMap.newKeySet();
    private final ExecutorService apart = Executors.newVirtualThreadPerTaskExecutor();
    private final Clock clock;

    KeptHelmfileReading(KeptHelmfileLayoutRepository choices, GitOpsRepository gitops, RepositoryCheck repositoryCheck, HelmfileReading reading,
                        ConversionCharts charts, SystemActor system, Clock clock) {
        this.clock = clock;
        this.choices = choices;
        this.gitops = gitops;
        this.repositoryCheck = repositoryCheck;
        this.reading = reading;
        this.charts = charts;
        this.system = system;
    }

    @Override
    public boolean keeps() {
        return choice.get(CHOICE, k -> choices.find()).isPresent();
    }

    @Override
    public Optional<String> describing(String commit) {
        if (derivedCommits.contains(commit)) {
            return Optional.empty();
        }
        Optional<KeptHelmfileLayout> kept = choice.get(CHOICE, k -> choices.find());
        if (kept.isEmpty() || repositoryCheck.readsAsWritten(commit)) {
            return Optional.empty();
        }
        // by commit and choice: another replica's new choice (its time) is not served this one's reading
        String key = key(commit, kept.get());
        Object answer = derived.get(key, k -> deriveApart(commit, () -> files(commit, kept.get())));
        if (answer instanceof Refused refused) {
            if (refused.at().isBefore(clock.instant().minus(RETRY_REFUSED))) {
                // a chart repository registered since may make it readable: read it again, not at every call
                derived.invalidate(key);
            }
            throw refused.why();
        }
        return Optional.of((String) answer);
    }

    /** Why a commit has no derived commit, and since when. */
    private record Refused(InvalidInputException why, Instant at) {}

    /**
     * Derived on a thread of its own: outside the caller's transaction (the derived ref is moved and committed on its
     * own, never rolled back with a merge that read it) and its security context (read as the system).
     */
    private Object deriveApart(String commit, java.util.function.Supplier<Map<String, String>> files) {
        try {
            return CompletableFuture.supplyAsync(() -> derive(commit, files.get()), apart).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof InvalidInputException refused) {
                return new Refused(refused, clock.instant());
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The choice changed: every commit is read again. */
    void forget() {
        choice.invalidateAll();
        derived.invalidateAll();
    }

    /** The choice just made, with main's files as it read them: main is not read a second time. */
    void remember(String main, KeptHelmfileLayout kept, Map<String, String> files) {
        derived.get(key(main, kept), k -> deriveApart(main, () -> files));
    }

    private static String key(String commit, KeptHelmfileLayout kept) {
        return commit + "@" + kept.chosenAt().toEpochMilli();
    }

    /** The files that describe the commit, or every reason they cannot (by file and line, or release). */
    Map<String, String> files(String commit, KeptHelmfileLayout kept) {
        return system.call(() -> {
            HelmfileReading.Result result = reading.read(commit, true);
            List<Problem> problems = new ArrayList<>();
            result.problems().stream().filter(p -> p.kind() == HelmfileProblem.Kind.ERROR)
                    .forEach(p -> problems.add(new Problem(p.file() + (p.line() > 0 ? ":" + p.line() : ""), p.message())));
            Map<String, String> selectors = new LinkedHashMap<>();
            Map<String, String> versions = new LinkedHashMap<>();
            kept.environments().forEach(e -> {
                selectors.put(e.name(), e.clusterSelector());
                versions.put(e.name(), e.kubeVersion());
            });
            List<EnvironmentDefinition> environments = HelmfileEnvironments.of(result.read(), selectors, versions, problems);
            List<String> order = environments.stream().map(EnvironmentDefinition::name).toList();
            Map<String, String> files = new TreeMap<>();
            for (ReleaseMapping.Proposed proposed : result.mapped().releases()) {
                @Nullable ReleaseDescription release = charts.describe(proposed, kept.teamOf(proposed.name()), order, result.read(), problems);
                if (release != null) {
                    files.putAll(RepositoryLayout.releaseFiles(release));
                }
            }
            kept.teams().keySet().stream().filter(name -> result.mapped().releases().stream().noneMatch(p -> p.name().equals(name)))
                    .forEach(name -> problems.add(new Problem("teams." + name, "the helmfile has no release " + name)));
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            files.put(RepositoryLayout.HELMFILE, RepositoryLayout.rootHelmfile());
            files.put(RepositoryLayout.ENVIRONMENTS, EnvironmentsLayout.write(environments));
            return files;
        });
    }

    private synchronized String derive(String commit, Map<String, String> read) {
        Map<String, @Nullable String> files = new TreeMap<>(read);
        String alone = gitops.commit(null, files, gitops.system(), "The releases and environments of " + commit);
        for (int attempt = 0; ; attempt++) {
            Optional<String> tip = gitops.resolve(REF);
            String chained = gitops.commitTree(gitops.tree(alone), tip.map(List::of).orElse(List.of()), gitops.system(),
                    "The releases and environments of " + commit + " (its helmfile read as Chartroom's layout)");
            try {
                gitops.updateRef(REF, tip.orElse(null), chained);
                derivedCommits.add(chained);
                return chained;
            } catch (GitOpsRepository.ConcurrentUpdateException movedMeanwhile) {
                if (attempt == 3) {
                    throw movedMeanwhile;
                }
            }
        }
    }
}
