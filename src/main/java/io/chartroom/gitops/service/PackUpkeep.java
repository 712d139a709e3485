package io.chartroom.gitops.service;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps reads fast as commits pile up, in the background and one run at a time, never in the writer's path. In
 * PostgreSQL each commit is a pack of its own: small ones are compacted (in the writer's path it was the slowest
 * twentieth of merges). On disk each commit writes loose objects, one file each, which every later read must open and
 * inflate (three quarters of a merge's time in a repository of 10,000 files, by a flight recording): Git's automatic
 * gc packs them once there are many, and never packs refs, so that no ref update meets its lock.
 */
final class PackUpkeep {

    private static final Logger log = LoggerFactory.getLogger(PackUpkeep.class);

    private final Repository repository;
    private final AtomicBoolean running = new AtomicBoolean();

    PackUpkeep(Repository repository) {
        this.repository = repository;
    }

    /** On disk: gc packs objects only (set once in the repository's config). */
    void noRefPacking() throws IOException {
        StoredConfig config = repository.getConfig();
        if (!"false".equals(config.getString("gc", null, "packRefs"))) {
            config.setString("gc", null, "packRefs", "false");
            config.save();
        }
    }

    /** After a commit: in PostgreSQL, compact small packs when there are many. */
    void committed() {
        if (repository instanceof PostgresGitRepository database) {
            background("gitops-compaction", database::compactIfNeeded);
        }
    }

    /** After a ref moved (its objects are reachable now, and gc packs only what a ref reaches): on disk, gc when due. */
    void refMoved() {
        if (repository instanceof FileRepository files) {
            background("gitops-gc", () -> {
                GC gc = new GC(files);
                gc.setAuto(true); // does nothing until there are gc.auto (6,700) loose objects
                gc.gc().join();
            });
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void background(String name, Work work) {
        if (running.compareAndSet(false, true)) {
            Thread.ofVirtual().name(name).start(() -> {
                try {
                    work.run();
                } catch (Exception e) {
                    log.warn("{}: could not keep the GitOps repository's packs: {}", name, e.getMessage());
                } finally {
                    running.set(false);
                }
            });
        }
    }
}
