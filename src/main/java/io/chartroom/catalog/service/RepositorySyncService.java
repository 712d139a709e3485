package io.chartroom.catalog.service;

import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.settings.DataDirectory;
import io.chartroom.catalog.domain.ChartIndexWriter;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.ChartRepositoryStore;
import io.chartroom.catalog.domain.IndexEntry;
import io.chartroom.catalog.domain.MergeCounts;
import io.chartroom.catalog.domain.RepositorySync;
import io.chartroom.catalog.domain.RepositoryType;
import io.chartroom.catalog.domain.RepositorySyncStore;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Syncs repositories into the catalog: on schedule, on demand, and right after registration. Each sync
 * downloads the index (skipped when the repository says or the digest shows it is unchanged), streams it
 * into the catalog in one transaction, and records the result. One repository's failure never stops the
 * others: syncs run independently on a small pool.
 */
@Service
public class RepositorySyncService {

    private static final Logger log = LoggerFactory.getLogger(RepositorySyncService.class);
    /** Advisory lock class for "syncing repository n" (replicas merge one at a time per repository). */
    private static final int SYNC_LOCK = 0x63617461;

    private final ChartRepositoryStore repositories;
    private final RepositorySyncStore syncs;
    private final ChartIndexWriter writer;
    private final RepositoryHttpClient http;
    private final OciRegistryClient oci;
    private final SyncProgressBroadcaster broadcaster;
    private final CatalogSettings settings;
    private final DataDirectory dataDirectory;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final CurrentUser currentUser;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("catalog-sync-", 1).daemon().factory());
    private final Map<Long, CompletableFuture<RepositorySync>> running = new ConcurrentHashMap<>();
    private volatile boolean ready;

    public RepositorySyncService(ChartRepositoryStore repositories, RepositorySyncStore syncs, ChartIndexWriter writer,
                                 RepositoryHttpClient http, OciRegistryClient oci, SyncProgressBroadcaster broadcaster,
                                 CatalogSettings settings, DataDirectory dataDirectory, TransactionTemplate tx,
                                 JdbcClient jdbc, ApplicationEventPublisher events, CurrentUser currentUser,
                                 MeterRegistry meters, Clock clock) {
        this.repositories = repositories;
        this.syncs = syncs;
        this.writer = writer;
        this.http = http;
        this.oci = oci;
        this.broadcaster = broadcaster;
        this.settings = settings;
        this.dataDirectory = dataDirectory;
        this.tx = tx;
        this.jdbc = jdbc;
        this.events = events;
        this.currentUser = currentUser;
        this.meters = meters;
        this.clock = clock;
    }

    /** An admin asks for a sync now; the result arrives through the future and the broadcaster. */
    public CompletableFuture<RepositorySync> syncNow(long repositoryId) {
        String admin = currentUser.require(Role.ADMIN).username();
        repositories.find(repositoryId).orElseThrow(() -> new NotFoundException("repository " + repositoryId + " does not exist"));
        return submit(repositoryId, "MANUAL", admin);
    }

    /** Starts a sync unless one of this repository already runs here; returns the running one then. */
    CompletableFuture<RepositorySync> submit(long repositoryId, String trigger, String actor) {
        return running.computeIfAbsent(repositoryId, id -> CompletableFuture
                .supplyAsync(() -> sync(id, trigger, actor), pool)
                .whenComplete((result, error) -> running.remove(id)));
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        int abandoned = syncs.failAbandoned(clock.instant(), clock.instant());
        if (abandoned > 0) {
            log.info("Marked {} syncs interrupted by the last shutdown as failed", abandoned);
        }
        ready = true;
    }

    @Scheduled(fixedDelayString = "${chartroom.catalog.scheduler-period:15s}", initialDelayString = "${chartroom.catalog.scheduler-period:15s}")
    void syncDue() {
        if (!ready) {
            return;
        }
        for (ChartRepository repo : repositories.findDue(clock.instant())) {
            submit(repo.id(), "SCHEDULE", "system");
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    RepositorySync sync(long repositoryId, String trigger, String actor) {
        ChartRepository repo = repositories.find(repositoryId)
                .orElseThrow(() -> new NotFoundException("repository " + repositoryId + " does not exist"));
        Instant started = clock.instant();
        long syncId = syncs.start(repositoryId, trigger, started);
        broadcaster.progress(new SyncProgress(repositoryId, syncId, SyncProgress.Phase.STARTING, 0, 0, 0));
        Timer.Sample timer = Timer.start(meters);
        RepositorySync result;
        try {
            Outcome outcome = repo.type() == RepositoryType.OCI ? syncOci(repo, syncId) : syncHttp(repo, syncId);
            syncs.finish(syncId, outcome.status(), outcome.counts(), outcome.errors(), outcome.errorCount(), null, clock.instant());
        } catch (RuntimeException e) {
            String message = e instanceof RepositoryFetchException ? e.getMessage() : "unexpected error: " + e;
            if (!(e instanceof RepositoryFetchException)) {
                log.error("Sync of repository {} failed", repo.name(), e);
            }
            syncs.finish(syncId, RepositorySync.Status.FAILED, MergeCounts.NONE, List.of(), 0, message, clock.instant());
        } finally {
            repositories.scheduleNext(repositoryId, clock.instant().plus(repo.syncInterval()), syncId);
        }
        result = syncs.find(syncId).orElseThrow();
        timer.stop(meters.timer("chartroom.catalog.sync", "repository", repo.name(), "status", result.status().name()));
        if (!(result.status() == RepositorySync.Status.UNCHANGED && "SCHEDULE".equals(trigger))) {
            AuditEntry.Builder audit = AuditEntry.of("repository.synced", actor).target("repository", repo.name())
                    .detail("trigger", trigger).detail("status", result.status().name()).detail("result", result.summary())
                    .detail("durationMs", Duration.between(started, clock.instant()).toMillis());
            if (result.status() == RepositorySync.Status.FAILED) {
                audit.failed(result.message());
            }
            events.publishEvent(audit.build());
        }
        broadcaster.finished(result);
        return result;
    }

    private record Outcome(RepositorySync.Status status, MergeCounts counts, List<String> errors, int errorCount) {
        static Outcome unchanged() {
            return new Outcome(RepositorySync.Status.UNCHANGED, MergeCounts.NONE, List.of(), 0);
        }
    }

    private Outcome syncHttp(ChartRepository repo, long syncId) {
        Path file = tempFile();
        try {
            URI index = URI.create(repo.baseUrl()).resolve("index.yaml");
            RepositoryHttpClient.Download download = http.download(repo, index, file, settings.maxIndexSize().toBytes(),
                    repo.indexDigest() == null ? null : repo.indexEtag(),
                    repo.indexDigest() == null ? null : repo.indexLastModified(), "index.yaml",
                    (bytes, total) -> broadcaster.progress(new SyncProgress(repo.id(), syncId, SyncProgress.Phase.DOWNLOADING, bytes, total, 0)));
            if (download.notModified() || download.sha256().equals(repo.indexDigest())) {
                repositories.recordIndex(repo.id(), repo.indexDigest(), download.etag(), download.lastModified());
                return Outcome.unchanged();
            }
            return importIndex(repo, syncId, file, download);
        } finally {
            deleteQuietly(file);
        }
    }

    /** Streams the downloaded index into the catalog in one transaction. */
    private Outcome importIndex(ChartRepository repo, long syncId, Path file, RepositoryHttpClient.Download download) {
        long start = System.nanoTime();
        long[] phases = new long[2];
        Outcome outcome = tx.execute(status -> {
            lock(repo.id());
            try (ChartIndexWriter.Staging staging = writer.begin(); InputStream in = Files.newInputStream(file)) {
                IndexReader.Result read = new IndexReader(settings.maxIndexSize().toBytes()).read(in, "index.yaml",
                        staging::add, n -> broadcaster.progress(new SyncProgress(repo.id(), syncId, SyncProgress.Phase.READING, 0, 0, n)));
                phases[0] = System.nanoTime();
                broadcaster.progress(new SyncProgress(repo.id(), syncId, SyncProgress.Phase.SAVING, 0, 0, read.entries()));
                MergeCounts counts = staging.merge(repo.id());
                repositories.recordIndex(repo.id(), download.sha256(), download.etag(), download.lastModified());
                phases[1] = System.nanoTime();
                return new Outcome(RepositorySync.Status.SUCCEEDED, counts, read.errors(), read.errorCount());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        log.info("Synced {}: {} MB index read and staged in {} ms, merged in {} ms, committed in {} ms: {}", repo.name(),
                download.size() / (1024 * 1024), (phases[0] - start) / 1_000_000, (phases[1] - phases[0]) / 1_000_000,
                (System.nanoTime() - phases[1]) / 1_000_000, outcome.counts().describe());
        return outcome;
    }

    private Outcome syncOci(ChartRepository repo, long syncId) {
        List<String> errors = new ArrayList<>();
        List<IndexEntry> entries = new ArrayList<>();
        for (String chart : repo.ociCharts()) {
            broadcaster.progress(new SyncProgress(repo.id(), syncId, SyncProgress.Phase.READING, 0, 0, entries.size()));
            // a chart that cannot be listed fails the sync: its versions must not disappear from the catalog
            entries.addAll(oci.versions(repo, chart, errors));
        }
        entries.sort(Comparator.comparing(IndexEntry::chart).thenComparing(IndexEntry::version));
        String digest = IndexEntryReader.sha256(String.join("\n", entries.stream().map(IndexEntry::entryHash).toList()));
        if (digest.equals(repo.indexDigest())) {
            return Outcome.unchanged();
        }
        return tx.execute(status -> {
            lock(repo.id());
            try (ChartIndexWriter.Staging staging = writer.begin()) {
                entries.forEach(staging::add);
                broadcaster.progress(new SyncProgress(repo.id(), syncId, SyncProgress.Phase.SAVING, 0, 0, entries.size()));
                MergeCounts counts = staging.merge(repo.id());
                repositories.recordIndex(repo.id(), digest, null, null);
                return new Outcome(RepositorySync.Status.SUCCEEDED, counts, errors, errors.size());
            }
        });
    }

    private void lock(long repositoryId) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(SYNC_LOCK, (int) repositoryId).query((rs, n) -> 1).single();
    }

    private Path tempFile() {
        try {
            return Files.createTempFile(dataDirectory.directory("tmp"), "index-", ".yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file; the next start cleans the directory anyway
        }
    }
}
