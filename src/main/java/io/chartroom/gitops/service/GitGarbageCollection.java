package io.chartroom.gitops.service;

import io.chartroom.base.database.SessionLock;
import java.io.IOException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Garbage collection of the GitOps repository in PostgreSQL, once a day: objects no ref reaches any longer (deleted
 * branches, a moved ref's old commits) leave the database a day after they became garbage. Looked at every hour, run
 * when the newest collected pack is older than a day (so replicas restarted daily still collect), by one replica at a
 * time (an advisory lock; the others skip that round). The repository on disk has Git's own automatic gc instead.
 */
@Component
class GitGarbageCollection {

    static final Duration GARBAGE_KEPT = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(GitGarbageCollection.class);

    private final GitOpsRepository gitops;
    private final DataSource dataSource;
    private final GitRows rows;
    private final Duration interval;

    GitGarbageCollection(GitOpsRepository gitops, DataSource dataSource, GitRows rows,
                         @Value("${chartroom.gitops.gc-interval:24h}") Duration interval) {
        this.gitops = gitops;
        this.dataSource = dataSource;
        this.rows = rows;
        this.interval = interval;
    }

    @Scheduled(initialDelayString = "10m", fixedDelayString = "1h")
    void collectWhenDue() {
        if (gitops.repository() instanceof PostgresGitRepository repository
                && rows.lastCollected(repository.name()).map(at -> at.isBefore(java.time.Instant.now().minus(interval))).orElse(true)) {
            collect(repository);
        }
    }

    void collect(PostgresGitRepository repository) {
        try (SessionLock lock = new SessionLock(dataSource, "chartroom.gitops.gc", "gitops-gc")) {
            if (!lock.tryHold()) {
                return; // another replica collects now
            }
            long start = System.nanoTime();
            repository.collectGarbage(GARBAGE_KEPT);
            log.info("Collected the GitOps repository's garbage in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not collect the GitOps repository's garbage: {}", e.getMessage());
        }
    }
}
