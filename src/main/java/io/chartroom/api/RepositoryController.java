package io.chartroom.api;

import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.RepositoryAuth;
import io.chartroom.catalog.domain.RepositoryDraft;
import io.chartroom.catalog.domain.RepositorySync;
import io.chartroom.catalog.domain.RepositoryType;
import io.chartroom.catalog.service.RepositoryService;
import io.chartroom.catalog.service.RepositorySyncService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/repositories")
@Tag(name = "Chart repositories")
class RepositoryController {

    /** A registration as the API shows it: never the credential, only whether one is stored. */
    record RepositoryView(long id, String name, RepositoryType type, String url, List<String> ociCharts,
                          RepositoryAuth authType, String username, boolean hasCredential, boolean customCa,
                          boolean plainHttp, List<String> aliases, long syncIntervalMinutes, boolean bundled,
                          Instant nextSyncAt, SyncView lastSync) {}

    record SyncView(long id, String trigger, Instant startedAt, Instant finishedAt, RepositorySync.Status status,
                    int chartsAdded, int chartsRemoved, int versionsAdded, int versionsUpdated, int versionsRemoved,
                    int errorCount, String message, List<String> errors, String summary) {
        static SyncView of(RepositorySync s) {
            return s == null ? null : new SyncView(s.id(), s.trigger(), s.startedAt(), s.finishedAt(), s.status(),
                    s.counts().chartsAdded(), s.counts().chartsRemoved(), s.counts().versionsAdded(),
                    s.counts().versionsUpdated(), s.counts().versionsRemoved(), s.errorCount(), s.message(), s.errors(), s.summary());
        }
    }

    /** What a client sends to register or change a repository; omit {@code secret} to keep the stored one. */
    record RepositoryRequest(String name, RepositoryType type, String url, List<String> ociCharts, RepositoryAuth authType,
                             String username, String secret, String caCertificate, Boolean plainHttp,
                             List<String> aliases, Long syncIntervalMinutes) {
        RepositoryDraft draft() {
            return new RepositoryDraft(name, type, url, ociCharts, authType, username, secret, caCertificate,
                    plainHttp != null && plainHttp, aliases, syncIntervalMinutes == null ? null : Duration.ofMinutes(syncIntervalMinutes));
        }
    }

    private final RepositoryService repositories;
    private final RepositorySyncService syncs;

    RepositoryController(RepositoryService repositories, RepositorySyncService syncs) {
        this.repositories = repositories;
        this.syncs = syncs;
    }

    @GetMapping
    @Operation(summary = "Registered repositories with their last sync")
    List<RepositoryView> list() {
        return repositories.list().stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    RepositoryView get(@PathVariable long id) {
        return view(repositories.get(id));
    }

    @GetMapping("/{id}/syncs")
    @Operation(summary = "The repository's recent syncs, newest first")
    List<SyncView> syncHistory(@PathVariable long id) {
        return repositories.recentSyncs(id, 20).stream().map(SyncView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a repository (ADMIN); its first sync starts at once")
    RepositoryView register(@RequestBody RepositoryRequest request) {
        return view(repositories.register(request.draft()));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a registration (ADMIN); omit secret to keep the stored credential")
    RepositoryView update(@PathVariable long id, @RequestBody RepositoryRequest request) {
        return view(repositories.update(id, request.draft()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a repository and its charts (ADMIN)")
    void remove(@PathVariable long id) {
        repositories.remove(id);
    }

    @PostMapping("/{id}/sync")
    @Operation(summary = "Sync now (ADMIN); answers when the sync has finished, with its result")
    SyncView syncNow(@PathVariable long id) throws InterruptedException {
        try {
            return SyncView.of(syncs.syncNow(id).get());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private RepositoryView view(ChartRepository r) {
        RepositorySync last = r.lastSyncId() == null ? null : repositories.sync(r.lastSyncId());
        return new RepositoryView(r.id(), r.name(), r.type(), r.url(), r.ociCharts(), r.authType(), r.username(),
                r.hasSecret(), r.caCertificate() != null && !r.caCertificate().isBlank(), r.plainHttp(), r.aliases(),
                r.syncInterval().toMinutes(), r.bundled(), r.nextSyncAt(), SyncView.of(last));
    }
}
