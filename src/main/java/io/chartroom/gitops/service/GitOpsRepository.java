package io.chartroom.gitops.service;

import io.chartroom.base.settings.DataDirectory;
import io.chartroom.gitops.domain.CommitAuthor;
import io.chartroom.gitops.domain.InitialFiles;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.stereotype.Service;

/**
 * The GitOps repository: a bare Git repository under the data directory, read and written without a work
 * tree. main is the desired state; it changes only through Chartroom (merged change requests, environments).
 * Callers see commits as hex ids and files as text; JGit stays inside this feature. The work is done by
 * {@link TreeReader} (files and trees at a commit), {@link CommitWriter}, {@link TreeMerger}, {@link GitRefs}
 * (refs, mirrored to the remote) and {@link CommitHistory}, started by {@link RepositoryStart}; this class publishes
 * {@link MainMoved} when main moves, and closes it all.
 */
@Service
public class GitOpsRepository implements AutoCloseable, ApplicationEventPublisherAware {

    public static final String MAIN = "refs/heads/main";

    /** Thrown when a ref moved since the caller read it: reload and try again. */
    public static class ConcurrentUpdateException extends RuntimeException {
        public ConcurrentUpdateException(String message) {
            super(message);
        }
    }

    /** The outcome of merging two commits in memory: a tree (null when it conflicts), or the paths that conflict. */
    public record MergeOutcome(@Nullable String tree, List<String> conflicts) {
        public boolean clean() {
            return conflicts.isEmpty();
        }
    }

    /** A commit as the UI and the API show it. */
    public record CommitInfo(String id, List<String> parents, String author, Instant at, String message) {}

    private final Repository repository;
    private final GitOpsSettings settings;
    private final @Nullable RemoteMirror remote;
    private final TreeReader trees;
    private final CommitWriter commits;
    private final TreeMerger merger;
    private final GitRefs refs;
    private final CommitHistory history;
    private final PackUpkeep upkeep;
    private final AtomicBoolean closed = new AtomicBoolean();
    private @Nullable ApplicationEventPublisher events;
    private final ForeignLayouts foreignLayouts = new ForeignLayouts();

    /** On disk under the data directory (tests that build one by hand). */
    public GitOpsRepository(DataDirectory dataDirectory, GitOpsSettings settings, Clock clock) {
        this(dataDirectory, settings, clock, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public GitOpsRepository(DataDirectory dataDirectory, GitOpsSettings settings, Clock clock, @Nullable GitRows rows) {
        this(dataDirectory, settings, clock, rows, "gitops");
    }

    /** {@code name}: the repository's name in PostgreSQL (tests keep theirs apart from the portal's). */
    GitOpsRepository(DataDirectory dataDirectory, GitOpsSettings settings, Clock clock, @Nullable GitRows rows, String name) {
        this.settings = settings;
        Path directory = dataDirectory.directory("gitops").resolve("gitops.git");
        boolean inDatabase = settings.inDatabase() && rows != null;
        try {
            repository = inDatabase ? PostgresGitRepository.open(name, rows) : new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().build();
            remote = settings.hasRemote() ? new RemoteMirror(repository, settings) : null;
            trees = new TreeReader(repository);
            commits = new CommitWriter(repository, system(), clock);
            merger = new TreeMerger(repository);
            refs = new GitRefs(repository, remote);
            history = new CommitHistory(repository);
            upkeep = new PackUpkeep(repository);
            RepositoryStart.openOrCreate(repository, rows, directory, upkeep, remote, this::initialCommit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the GitOps repository in " + (inDatabase ? "PostgreSQL" : directory), e);
        }
    }

    private void initialCommit() {
        updateRef(MAIN, null, commit(null, InitialFiles.of(), system(), "Initialize the GitOps repository"));
    }

    /** The JGit repository, for the Git HTTP server. */
    public Repository repository() {
        return repository;
    }

    /** The portal itself, as configured (chartroom.gitops.committer-*). */
    public CommitAuthor system() {
        return new CommitAuthor(settings.committerName(), settings.committerEmail());
    }

    // ---- refs ----------------------------------------------------------------------------------------

    /** The commit a ref points at, or empty. */
    public Optional<String> resolve(String ref) {
        return refs.resolve(ref);
    }

    public String main() {
        return resolve(MAIN).orElseThrow(() -> new IllegalStateException("the GitOps repository has no main branch"));
    }

    /** Moves a ref from {@code expected} (null: must not exist yet) to {@code target}; fails if it moved meanwhile. */
    public void updateRef(String ref, @Nullable String expected, String target) {
        boolean moved = refs.update(ref, expected, target);
        if (moved) {
            upkeep.refMoved();
        }
        ApplicationEventPublisher publisher = events;
        if (ref.equals(MAIN) && moved && publisher != null) {
            publisher.publishEvent(new MainMoved(expected, target));
        }
    }

    /**
     * Pushes a ref as it is here to the remote (if there is one): the remote follows a ref that a rolled-back
     * transaction had moved and pushed, and the database then put back.
     */
    public void pushAgain(String ref) {
        refs.pushAgain(ref);
    }

    /** Deletes a ref (a change request's branch); nothing if it does not exist. */
    public void deleteRef(String ref) {
        refs.delete(ref);
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** Looked up lazily: the reading of a kept layout itself reads this repository. */
    @org.springframework.beans.factory.annotation.Autowired
    void setForeignLayoutReading(ObjectProvider<ForeignLayoutReading> foreignLayout) {
        foreignLayouts.use(foreignLayout);
    }

    /**
     * The commit whose files describe {@code commit}'s releases and environments: itself, or, for a commit of a team's
     * layout that an ADMIN chose to keep, the commit derived from it in Chartroom's layout ({@link ForeignLayoutReading}).
     * Releases and environments are read through it; files as they are ({@link #read}) never are.
     */
    public String describing(String commit) {
        return foreignLayouts.describing(commit);
    }

    /** Whether an ADMIN chose to keep a team's own layout, read through {@link ForeignLayoutReading}. */
    public boolean keepsForeignLayout() {
        return foreignLayouts.keeps();
    }

    // ---- reading -------------------------------------------------------------------------------------

    /** A file's text at a commit, or empty. */
    public Optional<String> read(String commit, String path) {
        return trees.read(commit, path);
    }

    /** All files under a directory at a commit, by full path. */
    public Map<String, String> readTree(String commit, String directoryPath) {
        return trees.readTree(commit, directoryPath);
    }

    /** Every file at a commit as text, symbolic links and files over {@code maxBytes} named apart and not read. */
    public io.chartroom.gitops.domain.RepositoryTexts texts(String commit, int maxBytes) {
        return trees.texts(commit, maxBytes);
    }

    /**
     * The paths of all files at a commit, without reading them, except inside the subdirectories of
     * {@code skipSubtreesOf} (e.g. "releases": its files are listed, its release directories are not walked).
     */
    public List<String> paths(String commit, String skipSubtreesOf) {
        return trees.paths(commit, skipSubtreesOf);
    }

    /** Names of the releases at a commit (directories under releases/ with a helmfile). */
    public List<String> releaseNames(String commit) {
        return trees.releaseNames(describing(commit));
    }

    /**
     * The tree id of each release directory at a commit, by release name: a release whose id did not change
     * did not change. One walk of releases/, not of the releases' files.
     */
    public Map<String, String> releaseTrees(String commit) {
        return trees.releaseTrees(describing(commit));
    }

    /** The release directories' tree ids as the commit holds them, never those of a commit describing it. */
    Map<String, String> releaseTreesAsWritten(String commit) {
        return trees.releaseTrees(commit);
    }

    /**
     * A release as its files at the commit describe it (or at the commit {@link #describing} it); LayoutException names
     * a file that is not Chartroom's format.
     */
    public Optional<ReleaseDescription> release(String commit, String name) {
        String described = describing(commit);
        if (read(described, RepositoryLayout.helmfilePath(name)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RepositoryLayout.readRelease(name, path -> read(described, path)));
    }

    /** Files that differ between two commits under a directory ("" for all): path to new text, or null when deleted. */
    public Map<String, @Nullable String> changes(String from, String to, String directoryPath) {
        return trees.changes(from, to, directoryPath);
    }

    /** The tree of a commit. */
    public String tree(String commit) {
        return trees.tree(commit);
    }

    // ---- writing -------------------------------------------------------------------------------------

    /**
     * Writes a commit on top of {@code parent} (null for the first) with files changed: a value of null deletes
     * the file. No ref moves; see {@link #updateRef}.
     */
    public String commit(@Nullable String parent, Map<String, @Nullable String> changes, CommitAuthor author, String message) {
        String commit = commits.commit(parent, changes, author, message);
        upkeep.committed();
        return commit;
    }

    /** Writes a commit of an existing tree with the given parents (a merge commit has two). */
    public String commitTree(String tree, List<String> parents, CommitAuthor author, String message) {
        String commit = commits.commitTree(tree, parents, author, message);
        upkeep.committed();
        return commit;
    }

    /** Merges {@code theirs} into {@code ours} without a work tree (three-way, recursive merge base). */
    public MergeOutcome merge(String ours, String theirs) {
        return merger.merge(ours, theirs);
    }

    // ---- history -------------------------------------------------------------------------------------

    /** A commit's first parent (main before a merge), or empty for the first commit. */
    public Optional<String> firstParent(String commit) {
        return history.firstParent(commit);
    }

    /** The first-parent history of a ref, newest first, at most {@code limit} commits. */
    public List<CommitInfo> history(String commit, int limit) {
        return history.history(commit, limit);
    }

    // ---- the remote ----------------------------------------------------------------------------------

    /** Whether a remote is configured, and how its last push went (for the admin's status page). */
    public Optional<String> remoteProblem() {
        return remote == null ? Optional.empty() : Optional.ofNullable(remote.status().lastError());
    }

    /** Waits until scheduled pushes to the remote are done; false if they did not finish in time. */
    public boolean awaitRemote(Duration timeout) {
        return remote == null || remote.drain(timeout);
    }

    /** Finishes pushing to the remote and closes the repository (once). */
    @Override
    @PreDestroy
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (remote != null) {
            remote.close();
        }
        repository.close();
    }
}
