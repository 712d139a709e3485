package io.chartroom.gitops.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.internal.storage.dfs.DfsPackCompactor;
import org.eclipse.jgit.internal.storage.dfs.DfsPackFile;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryBuilder;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.lib.RefDatabase;
import org.jspecify.annotations.Nullable;

/**
 * A Git repository whose objects and refs are rows in PostgreSQL (JGit's DFS storage), so that every replica on the
 * database reads and writes the same repository: packs as rows ({@link PostgresObjectDatabase}), refs updated by
 * compare-and-swap ({@link PostgresRefDatabase}), read afresh on every lookup so that one replica sees another's
 * updates at once.
 */
final class PostgresGitRepository extends DfsRepository {

    static final class Builder extends DfsRepositoryBuilder<Builder, PostgresGitRepository> {
        private @Nullable GitRows rows;

        Builder rows(GitRows rows) {
            this.rows = rows;
            return this;
        }

        @Override
        public PostgresGitRepository build() throws IOException {
            return new PostgresGitRepository(this);
        }
    }

    private final GitRows rows;
    private final PostgresObjectDatabase objects;
    private final PostgresRefDatabase refs;
    private @Nullable String gitwebDescription;

    private PostgresGitRepository(Builder builder) {
        super(builder);
        this.rows = java.util.Objects.requireNonNull(builder.rows);
        this.objects = new PostgresObjectDatabase(this, rows);
        this.refs = new PostgresRefDatabase(this, rows);
    }

    /** The repository named {@code name} in the tables (created empty when it is not there). */
    static PostgresGitRepository open(String name, GitRows rows) throws IOException {
        // a file system for local transports only: the copy of a repository kept on disk
        return new Builder().rows(rows).setRepositoryDescription(new DfsRepositoryDescription(name)).setFS(org.eclipse.jgit.util.FS.DETECTED).build();
    }

    String name() {
        return getDescription().getRepositoryName();
    }

    /**
     * Made whole at its first start: copied from a repository on disk ({@code diskCopy}), else from the remote, else its
     * initial commit; HEAD is written last, as the mark of a repository that is complete (a start that died halfway is
     * redone). The caller holds the lock all instances share.
     */
    void makeWhole(java.nio.file.Path diskCopy, java.util.function.BooleanSupplier copyRemote, Runnable initialCommit) {
        try {
            if (java.nio.file.Files.isDirectory(diskCopy.resolve("objects"))) {
                DiskRepositoryImport.into(this, diskCopy);
                log.info("Copied the GitOps repository in {} into PostgreSQL", diskCopy);
            } else if (exactRef(GitOpsRepository.MAIN) != null) {
                log.info("Completing the GitOps repository in PostgreSQL that an earlier start began");
            } else if (copyRemote.getAsBoolean()) {
                log.info("Created the GitOps repository in PostgreSQL from its remote");
            } else {
                initialCommit.run();
                log.info("Created the GitOps repository in PostgreSQL");
            }
            if (exactRef(GitOpsRepository.MAIN) == null) {
                throw new IllegalStateException("the GitOps repository in PostgreSQL has no main after it was created");
            }
            getRefDatabase().newUpdate(org.eclipse.jgit.lib.Constants.HEAD, false).link(GitOpsRepository.MAIN);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the GitOps repository in PostgreSQL", e);
        }
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PostgresGitRepository.class);

    /** Whether the repository is complete: HEAD is written last when it is created. */
    @Override
    public boolean exists() {
        return rows.refs(name()).stream().anyMatch(r -> r.name().equals(org.eclipse.jgit.lib.Constants.HEAD));
    }

    /**
     * Every commit writes a pack of its own; once there are {@link #SMALL_PACKS} small ones they are compacted into one,
     * so that a lookup does not search hundreds of packs. Whichever replica writes compacts: two at once only write the
     * same objects twice.
     */
    void compactIfNeeded() throws IOException {
        List<DfsPackFile> small = new ArrayList<>();
        for (DfsPackFile pack : objects.getPacks()) {
            if (pack.getPackDescription().getFileSize(PackExt.PACK) < SMALL_PACK_BYTES) {
                small.add(pack);
            }
        }
        if (small.size() >= SMALL_PACKS) {
            DfsPackCompactor compactor = new DfsPackCompactor(this);
            small.forEach(compactor::add);
            compactor.compact(NullProgressMonitor.INSTANCE);
        }
    }

    /**
     * Git's garbage collection in the tables: what a ref reaches is packed anew, what none reaches goes into a garbage
     * pack that is kept for {@code garbageTtl} (a writer that began before may still link to it) and dropped by the
     * first collection after that. Packs written meanwhile are left as they are. Replaced packs' rows go the way of
     * compacted ones (kept 10 minutes for readers that listed them).
     */
    void collectGarbage(java.time.Duration garbageTtl) throws IOException {
        org.eclipse.jgit.internal.storage.dfs.DfsGarbageCollector gc = new org.eclipse.jgit.internal.storage.dfs.DfsGarbageCollector(this);
        gc.setGarbageTtl(Math.max(1, garbageTtl.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
        gc.pack(NullProgressMonitor.INSTANCE);
    }

    static final int SMALL_PACKS = 16;
    static final long SMALL_PACK_BYTES = 4L * 1024 * 1024;

    @Override
    public DfsObjDatabase getObjectDatabase() {
        return objects;
    }

    @Override
    public RefDatabase getRefDatabase() {
        return refs;
    }

    @Override
    public @Nullable String getGitwebDescription() {
        return gitwebDescription;
    }

    @Override
    public void setGitwebDescription(@Nullable String description) {
        gitwebDescription = description;
    }
}
