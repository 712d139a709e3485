package io.chartroom.render.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.base.settings.DataDirectory;
import io.chartroom.render.worker.WorkerProtocol;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Renders charts with Helm (helm-java) in worker JVMs, never in the portal's own: a worker sees no cluster
 * but a stub, and a render that loops or explodes only costs a worker. Results are cached by chart, release
 * identity, Kubernetes version and values. Infrastructure for the services that check the caller
 * (values preview, change-request diffs, the reconciler). The workers themselves are {@link RenderWorkerPool}'s.
 */
@Service
public class RenderService {

    /**
     * What to render.
     *
     * @param chartKey    identifies the chart directory's content (archive digest and resolved dependencies)
     * @param values      the release's values as YAML (for lint: the effective values, chart defaults included)
     * @param kubeVersion the target Kubernetes version, e.g. "1.31" or "v1.31.2"; null or blank: v1.31.0
     * @param cacheable   false when the values hold resolved secrets: the output is not kept
     */
    public record Job(Path chart, String chartKey, String releaseName, String namespace, @Nullable String kubeVersion, String values,
                      boolean cacheable) {
        public Job(Path chart, String chartKey, String releaseName, String namespace, @Nullable String kubeVersion, String values) {
            this(chart, chartKey, releaseName, namespace, kubeVersion, values, true);
        }
    }

    /** A render's result: a manifest, or an error that says what and where; lint findings for lint. */
    public record Outcome(boolean ok, @Nullable String manifest, @Nullable String error, List<String> messages, long millis,
                          boolean cached) {
        static Outcome failed(String error, long millis) {
            return new Outcome(false, null, error, List.of(), millis, false);
        }

        /** A step that was not asked for (a lint where nothing changes): passes, says nothing. */
        public static Outcome notRun() {
            return new Outcome(true, null, null, List.of(), 0, true);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RenderService.class);
    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*$");

    private final RenderSettings settings;
    private final KubeApiStub stub = new KubeApiStub();
    private final RenderWorkerPool workers;
    private final Cache<String, Outcome> cache = Caffeine.newBuilder()
            .maximumWeight(64L * 1024 * 1024)
            .weigher((String key, Outcome o) -> 256 + (o.manifest() == null ? 0 : o.manifest().length()))
            .build();
    private final Map<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();

    public RenderService(RenderSettings settings, DataDirectory dataDirectory) {
        this.settings = settings;
        Path directory = dataDirectory.directory("render");
        this.workers = new RenderWorkerPool(settings, directory, stub.writeKubeconfig(directory.resolve("stub-kubeconfig.yaml")));
    }

    @EventListener(ApplicationReadyEvent.class)
    void prestart() {
        if (settings.prestart()) {
            workers.prestart();
        }
    }

    /** The chart's manifests for the job (Helm template, client only, with the target's Kubernetes version). */
    public Outcome template(Job job) {
        return run(WorkerProtocol.Operation.TEMPLATE, job);
    }

    /** Helm lint of the chart with the job's values as the effective values. */
    public Outcome lint(Job job) {
        return run(WorkerProtocol.Operation.LINT, job);
    }

    private Outcome run(WorkerProtocol.Operation operation, Job job) {
        String kubeVersion = kubeVersion(job.kubeVersion());
        if (!job.cacheable()) {
            return render(operation, job, kubeVersion, null);
        }
        String key = operation + "|" + cacheKey(job, kubeVersion);
        Outcome cached = cache.getIfPresent(key);
        if (cached != null) {
            return shared(cached);
        }
        // the same render asked for again while it runs (a release's units on several clusters): wait for it
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return shared(running.join());
        }
        try {
            Outcome outcome = render(operation, job, kubeVersion, key);
            mine.complete(outcome);
            return outcome;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static Outcome shared(Outcome o) {
        return new Outcome(o.ok(), o.manifest(), o.error(), o.messages(), 0, true);
    }

    /** Renders in a worker; a result the worker gave (not a stopped or lost worker) is cached under the key, if any. */
    private Outcome render(WorkerProtocol.Operation operation, Job job, String kubeVersion, @Nullable String cacheKey) {
        long start = System.nanoTime();
        WorkerProtocol.Request request = new WorkerProtocol.Request(operation, job.chart().toString(), job.releaseName(),
                job.namespace(), kubeVersion, job.values());
        RenderWorker worker = workers.acquire();
        if (worker == null) {
            return Outcome.failed("no render worker could be started; see " + workers.logs(), millis(start));
        }
        boolean keep = true;
        try {
            WorkerProtocol.Response response = worker.call(request, settings.timeout());
            Outcome outcome = response.ok()
                    ? new Outcome(true, response.output(), null, response.messages(), millis(start), false)
                    : new Outcome(false, null, response.error() != null ? response.error() : String.join("; ", response.messages()),
                            response.messages(), millis(start), false);
            if (cacheKey != null) {
                cache.put(cacheKey, outcome);
            }
            return outcome;
        } catch (RenderWorker.StoppedException e) {
            keep = false;
            return Outcome.failed("Rendering " + job.releaseName() + " was stopped: it " + e.getMessage(), millis(start));
        } catch (IOException e) {
            keep = false;
            log.warn("Render worker failed: {}", e.getMessage());
            return Outcome.failed("The render worker failed: " + e.getMessage(), millis(start));
        } finally {
            workers.release(worker, keep);
        }
    }

    /** "1.31" and "v1.31.2" become "v1.31.0" and "v1.31.2", as Helm wants them. */
    static String kubeVersion(@Nullable String version) {
        if (version == null || version.isBlank()) {
            return "v1.31.0";
        }
        Matcher m = VERSION.matcher(version.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Kubernetes version: " + version);
        }
        return "v" + m.group(1) + "." + m.group(2) + "." + (m.group(3) == null ? "0" : m.group(3));
    }

    /** Requests the stub API has answered (tests check that renders reach it and nothing else). */
    public long stubRequests() {
        return stub.requests.get();
    }

    @PreDestroy
    void stop() {
        workers.stop();
        stub.close();
    }

    private static String cacheKey(Job job, String kubeVersion) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {job.chartKey(), job.releaseName(), job.namespace(), kubeVersion, job.values()}) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
