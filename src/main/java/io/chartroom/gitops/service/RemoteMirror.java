package io.chartroom.gitops.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an external remote (GitHub, GitLab, any Git server) in step with the GitOps repository: the local
 * repository starts as a copy of the remote, and every change of main or of a branch is pushed in the
 * background, in order, retried with back-off. main is never force-pushed: if the remote's main moved on its
 * own, pushing stops with an error that says so.
 */
final class RemoteMirror implements AutoCloseable {

    /** The last push: when, and what went wrong if it failed. */
    record Status(@Nullable Instant lastPush, @Nullable String lastError) {}

    private static final Logger log = LoggerFactory.getLogger(RemoteMirror.class);

    private final Repository repository;
    private final GitOpsSettings settings;
    private final ExecutorService pusher = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("gitops-push").daemon().factory());
    private final Set<String> pending = new LinkedHashSet<>();
    private volatile Status status = new Status(null, null);

    RemoteMirror(Repository repository, GitOpsSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    /**
     * Fetches the remote's branches into the (new, empty) local repository; whether the remote has any. A remote
     * whose default branch is not main (master, trunk) is content too: its default branch becomes the local main,
     * without pushing anything, so that nothing is written to it and it is checked like any other.
     */
    boolean copyRemote() {
        try (Git git = Git.wrap(repository)) {
            git.fetch().setRemote(settings.remoteUrl()).setCredentialsProvider(credentials())
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*")).call();
            if (repository.exactRef(GitOpsRepository.MAIN) != null) {
                return true;
            }
            var branches = repository.getRefDatabase().getRefsByPrefix("refs/heads/");
            if (branches.isEmpty()) {
                return false;
            }
            String remoteHead = git.lsRemote().setRemote(settings.remoteUrl()).setCredentialsProvider(credentials()).callAsMap()
                    .entrySet().stream().filter(e -> e.getKey().equals("HEAD") && e.getValue().isSymbolic())
                    .map(e -> e.getValue().getTarget().getName()).findFirst().orElse(null);
            var chosen = branches.stream().filter(r -> r.getName().equals(remoteHead)).findFirst()
                    .or(() -> branches.stream().filter(r -> r.getName().equals("refs/heads/master")).findFirst())
                    .orElse(branches.getFirst());
            var update = repository.getRefDatabase().newUpdate(GitOpsRepository.MAIN, false);
            update.setNewObjectId(chosen.getObjectId());
            update.update();
            log.warn("The GitOps remote has no main branch; Chartroom reads {} as main and pushes nothing until its layout is readable",
                    chosen.getName());
            return true;
        } catch (GitAPIException | java.io.IOException e) {
            throw new IllegalStateException("cannot fetch the GitOps repository from " + settings.remoteUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Schedules pushing a ref (its current target, or its deletion); pushes of the same ref coalesce. */
    void push(String ref) {
        synchronized (pending) {
            if (!pending.add(ref)) {
                return;
            }
        }
        pusher.submit(() -> pushWithRetries(ref));
    }

    private void pushWithRetries(String ref) {
        synchronized (pending) {
            pending.remove(ref);
        }
        Duration wait = Duration.ofSeconds(1);
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                pushNow(ref);
                status = new Status(Instant.now(), null);
                return;
            } catch (RuntimeException | GitAPIException | java.io.IOException e) {
                status = new Status(status.lastPush(), ref + ": " + e.getMessage());
                log.warn("Pushing {} to the GitOps remote failed (attempt {} of 5): {}", ref, attempt, e.getMessage());
                try {
                    Thread.sleep(wait.toMillis()); // back-off between attempts of a background push
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait = wait.multipliedBy(2);
            }
        }
    }

    private void pushNow(String ref) throws GitAPIException, java.io.IOException {
        RefPush.push(repository, settings.remoteUrl(), credentials(), ref);
    }

    Status status() {
        return status;
    }

    /** Waits for scheduled pushes (tests, shutdown). */
    boolean drain(Duration timeout) {
        try {
            return pusher.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS) == null;
        } catch (Exception e) {
            return false;
        }
    }

    private UsernamePasswordCredentialsProvider credentials() {
        return settings.remoteUsername() == null || settings.remoteUsername().isBlank() ? null
                : new UsernamePasswordCredentialsProvider(settings.remoteUsername(), settings.remotePassword() == null ? "" : settings.remotePassword());
    }

    @Override
    public void close() {
        drain(Duration.ofSeconds(10));
        pusher.shutdownNow();
    }
}
