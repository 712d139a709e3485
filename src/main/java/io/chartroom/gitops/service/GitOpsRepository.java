package io.chartroom.gitops.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.base.settings.DataDirectory;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.RepositoryLayout;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import io.chartroom.gitops.domain.CommitAuthor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.stereotype.Service;

/**
 * The GitOps repository: a bare Git repository under the data directory, read and written without a work
 * tree. main is the desired state; it changes only through Chartroom (merged change requests, environments).
 * Callers see commits as hex ids and files as text; JGit stays inside this feature.
 */
@Service
public class GitOpsRepository implements AutoCloseable, ApplicationEventPublisherAware {

    public static final String MAIN = "refs/heads/main";
    private static final Logger log = LoggerFactory.getLogger(GitOpsRepository.class);

    /** Thrown when a ref moved since the caller read it: reload and try again. */
    public static class ConcurrentUpdateException extends RuntimeException {
        public ConcurrentUpdateException(String message) {
            super(message);
        }
    }

    private final Repository repository;
    private final Cache<String, List<String>> releaseNamesByCommit = Caffeine.newBuilder().maximumSize(16).build();
    private final Path directory;
    private final GitOpsSettings settings;
    private final Clock clock;
    private final RemoteMirror remote;
    private ApplicationEventPublisher events;

    public GitOpsRepository(DataDirectory dataDirectory, GitOpsSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.directory = dataDirectory.directory("gitops").resolve("gitops.git");
        try {
            repository = new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().build();
            remote = settings.hasRemote() ? new RemoteMirror(repository, settings) : null;
            if (!repository.getObjectDatabase().exists()) {
                repository.create(true);
                repository.getRefDatabase().newUpdate(Constants.HEAD, false).link(MAIN);
                if (remote != null && remote.copyRemote()) {
                    log.info("Created the GitOps repository in {} from {}", directory, settings.remoteUrl());
                } else {
                    initialCommit();
                    log.info("Created the GitOps repository in {}", directory);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the GitOps repository in " + directory, e);
        }
    }

    private void initialCommit() throws IOException {
        Map<String, String> files = new TreeMap<>();
        files.put(RepositoryLayout.HELMFILE, RepositoryLayout.rootHelmfile());
        files.put(RepositoryLayout.ENVIRONMENTS, EnvironmentsLayout.write(List.of()));
        files.put("README.md", """
                # GitOps repository

                Managed by Chartroom. Each release lives under `releases/<name>/` in helmfile's layout; `environments.yaml`
                lists the environments and the clusters they select. Change releases through Chartroom's change requests:
                pushes to `main` are refused.
                """);
        String commit = commit(null, new TreeMap<>(files), system(), "Initialize the GitOps repository");
        updateRef(MAIN, null, commit);
    }

    /** The JGit repository, for the Git HTTP server. */
    public Repository repository() {
        return repository;
    }

    /** The portal itself, as configured (chartroom.gitops.committer-*). */
    public CommitAuthor system() {
        return new CommitAuthor(settings.committerName(), settings.committerEmail());
    }

    private PersonIdent ident(CommitAuthor author) {
        return new PersonIdent(author.name(), author.email(), clock.instant(), java.time.ZoneOffset.UTC);
    }

    /** The commit a ref points at, or empty. */
    public Optional<String> resolve(String ref) {
        try {
            Ref r = repository.exactRef(ref);
            return r == null || r.getObjectId() == null ? Optional.empty() : Optional.of(r.getObjectId().name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String main() {
        return resolve(MAIN).orElseThrow(() -> new IllegalStateException("the GitOps repository has no main branch"));
    }

    /** A file's text at a commit, or empty. */
    public Optional<String> read(String commit, String path) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            try (TreeWalk tree = TreeWalk.forPath(repository, path, c.getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                return Optional.of(new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All files under a directory at a commit, by full path. */
    public Map<String, String> readTree(String commit, String directoryPath) {
        Map<String, String> files = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            tree.addTree(c.getTree());
            tree.setRecursive(true);
            if (!directoryPath.isEmpty()) {
                tree.setFilter(PathFilter.create(directoryPath.replaceAll("/$", "")));
            }
            while (tree.next()) {
                files.put(tree.getPathString(), new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The paths of all files at a commit, without reading them, except inside the subdirectories of
     * {@code skipSubtreesOf} (e.g. "releases": its files are listed, its release directories are not walked).
     */
    public List<String> paths(String commit, String skipSubtreesOf) {
        List<String> paths = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
            while (tree.next()) {
                String path = tree.getPathString();
                if (!tree.isSubtree()) {
                    paths.add(path);
                } else if (!(skipSubtreesOf + "/" + tree.getNameString()).equals(path)) {
                    tree.enterSubtree();
                }
            }
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the releases at a commit (directories under releases/ with a helmfile). */
    public List<String> releaseNames(String commit) {
        // a commit never changes; every draft check asks for main's names
        return releaseNamesByCommit.get(commit, this::readReleaseNames);
    }

    private List<String> readReleaseNames(String commit) {
        List<String> names = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            tree.addTree(c.getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilter.create("releases"));
            while (tree.next()) {
                String path = tree.getPathString();
                if (path.matches("releases/[^/]+/helmfile\\.yaml\\.gotmpl")) {
                    names.add(path.split("/")[1]);
                }
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tree id of each release directory at a commit, by release name: a release whose id did not change
     * did not change. One walk of releases/, not of the releases' files.
     */
    public Map<String, String> releaseTrees(String commit) {
        Map<String, String> trees = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            try (TreeWalk releases = TreeWalk.forPath(repository, "releases", c.getTree())) {
                if (releases == null) {
                    return trees;
                }
                try (TreeWalk tree = new TreeWalk(repository)) {
                    tree.addTree(releases.getObjectId(0));
                    while (tree.next()) {
                        if (tree.isSubtree()) {
                            trees.put(tree.getNameString(), tree.getObjectId(0).name());
                        }
                    }
                }
            }
            return trees;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A release as its files at the commit describe it; LayoutException names a file that is not Chartroom's format. */
    public Optional<ReleaseDescription> release(String commit, String name) {
        if (read(commit, RepositoryLayout.helmfilePath(name)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RepositoryLayout.readRelease(name, path -> read(commit, path)));
    }

    /**
     * Writes a commit on top of {@code parent} (null for the first) with files changed: a value of null deletes
     * the file. No ref moves; see {@link #updateRef}.
     */
    public String commit(String parent, Map<String, String> changes, CommitAuthor author, String message) {
        try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = repository.newObjectReader();
             RevWalk walk = new RevWalk(reader)) {
            DirCache index = DirCache.newInCore();
            RevCommit parentCommit = parent == null ? null : walk.parseCommit(ObjectId.fromString(parent));
            if (parentCommit != null) {
                DirCacheBuilder builder = index.builder();
                builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parentCommit.getTree());
                builder.finish();
            }
            DirCacheEditor editor = index.editor();
            for (var change : changes.entrySet()) {
                if (change.getValue() == null) {
                    editor.add(new DirCacheEditor.DeletePath(change.getKey()));
                } else {
                    ObjectId blob = inserter.insert(Constants.OBJ_BLOB, change.getValue().getBytes(StandardCharsets.UTF_8));
                    editor.add(new DirCacheEditor.PathEdit(change.getKey()) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(FileMode.REGULAR_FILE);
                            entry.setObjectId(blob);
                        }
                    });
                }
            }
            editor.finish();
            return insertCommit(inserter, index.writeTree(inserter), parentCommit == null ? List.of() : List.of(parentCommit), author, message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a commit to the GitOps repository", e);
        }
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** Moves a ref from {@code expected} (null: must not exist yet) to {@code target}; fails if it moved meanwhile. */
    public void updateRef(String ref, String expected, String target) {
        try {
            RefUpdate update = repository.updateRef(ref);
            update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : ObjectId.fromString(expected));
            update.setNewObjectId(ObjectId.fromString(target));
            update.setForceUpdate(true);
            update.setRefLogMessage("chartroom", false);
            RefUpdate.Result result = update.update();
            switch (result) {
                case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> {
                    pushToRemote(ref);
                    if (ref.equals(MAIN) && events != null && result != RefUpdate.Result.NO_CHANGE) {
                        events.publishEvent(new MainMoved(expected, target));
                    }
                }
                case LOCK_FAILURE -> throw new ConcurrentUpdateException(ref + " moved while Chartroom was updating it");
                default -> throw new IllegalStateException("updating " + ref + " failed: " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a ref (a change request's branch); nothing if it does not exist. */
    public void deleteRef(String ref) {
        try {
            if (repository.exactRef(ref) == null) {
                return;
            }
            RefUpdate update = repository.updateRef(ref);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.delete();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("deleting " + ref + " failed: " + result);
            }
            pushToRemote(ref);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** The outcome of merging two commits in memory: a tree, or the paths that conflict. */
    public record MergeOutcome(String tree, List<String> conflicts) {
        public boolean clean() {
            return conflicts.isEmpty();
        }
    }

    /** Files that differ between two commits under a directory ("" for all): path to new text, or null when deleted. */
    public Map<String, String> changes(String from, String to, String directoryPath) {
        Map<String, String> changes = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(from)).getTree());
            tree.addTree(walk.parseCommit(ObjectId.fromString(to)).getTree());
            tree.setRecursive(true);
            tree.setFilter(directoryPath.isEmpty() ? TreeFilter.ANY_DIFF
                    : AndTreeFilter.create(PathFilter.create(directoryPath.replaceAll("/$", "")), TreeFilter.ANY_DIFF));
            while (tree.next()) {
                ObjectId after = tree.getObjectId(1);
                changes.put(tree.getPathString(), after.equals(ObjectId.zeroId()) ? null
                        : new String(repository.open(after).getBytes(), StandardCharsets.UTF_8));
            }
            return changes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Merges {@code theirs} into {@code ours} without a work tree (three-way, recursive merge base). */
    public MergeOutcome merge(String ours, String theirs) {
        ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repository, true);
        try {
            if (merger.merge(ObjectId.fromString(ours), ObjectId.fromString(theirs))) {
                return new MergeOutcome(merger.getResultTreeId().name(), List.of());
            }
            List<String> conflicts = new ArrayList<>(merger.getUnmergedPaths());
            if (merger.getFailingPaths() != null) {
                conflicts.addAll(merger.getFailingPaths().keySet());
            }
            return new MergeOutcome(null, conflicts.stream().distinct().sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge in the GitOps repository", e);
        }
    }

    /** The tree of a commit. */
    public String tree(String commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(ObjectId.fromString(commit)).getTree().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a commit of an existing tree with the given parents (a merge commit has two). */
    public String commitTree(String tree, List<String> parents, CommitAuthor author, String message) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            return insertCommit(inserter, ObjectId.fromString(tree), parents.stream().map(ObjectId::fromString).toList(), author, message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a commit to the GitOps repository", e);
        }
    }

    private String insertCommit(ObjectInserter inserter, ObjectId tree, List<? extends ObjectId> parents, CommitAuthor author,
                                String message) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(List.copyOf(parents));
        commit.setAuthor(ident(author));
        commit.setCommitter(ident(system()));
        commit.setMessage(message.endsWith("\n") ? message : message + "\n");
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        return id.name();
    }

    /** A commit's first parent (main before a merge), or empty for the first commit. */
    public Optional<String> firstParent(String commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            return c.getParentCount() == 0 ? Optional.empty() : Optional.of(c.getParent(0).name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first-parent history of a ref, newest first, at most {@code limit} commits. */
    public List<CommitInfo> history(String commit, int limit) {
        List<CommitInfo> commits = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(ObjectId.fromString(commit)));
            for (RevCommit c : walk) {
                commits.add(new CommitInfo(c.name(), c.getParentCount() == 0 ? List.of()
                        : java.util.Arrays.stream(c.getParents()).map(RevCommit::name).toList(),
                        c.getAuthorIdent().getName(), c.getAuthorIdent().getWhenAsInstant(), c.getShortMessage()));
                if (commits.size() >= limit) {
                    break;
                }
            }
            return commits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A commit as the UI and the API show it. */
    public record CommitInfo(String id, List<String> parents, String author, java.time.Instant at, String message) {}

    private void pushToRemote(String ref) {
        if (remote != null) {
            remote.push(ref);
        }
    }

    /** Whether a remote is configured, and how its last push went (for the admin's status page). */
    public Optional<String> remoteProblem() {
        return remote == null ? Optional.empty() : Optional.ofNullable(remote.status().lastError());
    }

    /** Waits until scheduled pushes to the remote are done; false if they did not finish in time. */
    public boolean awaitRemote(java.time.Duration timeout) {
        return remote == null || remote.drain(timeout);
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

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
