package io.chartroom.gitops.service;

import io.chartroom.gitops.domain.RepositoryTexts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jspecify.annotations.Nullable;

/**
 * Reads files and trees of the GitOps repository at a commit, without a work tree: file texts, directory
 * listings, the releases' names and tree ids, and what differs between two commits.
 */
final class TreeReader {

    private final Repository repository;
    private final Cache<String, List<String>> releaseNamesByCommit = Caffeine.newBuilder().maximumSize(16).build();

    TreeReader(Repository repository) {
        this.repository = repository;
    }

    Optional<String> read(String commit, String path) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            try (TreeWalk tree = TreeWalk.forPath(repository, path, c.getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                return Optional.of(text(tree.getObjectId(0)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> readTree(String commit, String directoryPath) {
        Map<String, String> files = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            tree.addTree(c.getTree());
            tree.setRecursive(true);
            if (!directoryPath.isEmpty()) {
                tree.setFilter(PathFilter.create(directoryPath.replaceAll("/$", "")));
            }
            while (tree.next()) {
                files.put(tree.getPathString(), text(tree.getObjectId(0)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@link #texts} reads: YAML, JSON and templates; and how much of them at most (a repository is someone else's). */
    private static final java.util.regex.Pattern TEXT_FILE = java.util.regex.Pattern.compile("\\.(ya?ml|json|gotmpl|tpl)$");
    static final int MAX_TEXT_FILES = 20_000;
    static final long MAX_TEXT_BYTES = 64L * 1024 * 1024;

    RepositoryTexts texts(String commit, int maxBytes) {
        Map<String, String> files = new TreeMap<>();
        List<String> symlinks = new ArrayList<>();
        List<String> tooLarge = new ArrayList<>();
        long total = 0;
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                String path = tree.getPathString();
                if (!TEXT_FILE.matcher(path).find()) {
                    continue; // helmfile reads YAML and templates; nothing else of the repository is loaded
                }
                if (files.size() >= MAX_TEXT_FILES || total > MAX_TEXT_BYTES) {
                    tooLarge.add(path);
                    continue;
                }
                if (tree.getFileMode(0) == org.eclipse.jgit.lib.FileMode.SYMLINK) {
                    symlinks.add(path);
                } else if (tree.getFileMode(0) == org.eclipse.jgit.lib.FileMode.GITLINK) {
                    continue; // a submodule: another repository, not a file
                } else if (repository.getObjectDatabase().open(tree.getObjectId(0)).getSize() > maxBytes) {
                    tooLarge.add(path);
                } else {
                    String text = text(tree.getObjectId(0));
                    total += text.length();
                    files.put(path, text);
                }
            }
            return new RepositoryTexts(files, symlinks, tooLarge);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> paths(String commit, String skipSubtreesOf) {
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

    List<String> releaseNames(String commit) {
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

    Map<String, String> releaseTrees(String commit) {
        Map<String, String> trees = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            try (TreeWalk releases = TreeWalk.forPath(repository, "releases", c.getTree())) {
                if (releases == null) {
                    return trees;
                }
                // one level only: a release directory's tree id says whether anything in it changed
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

    Map<String, @Nullable String> changes(String from, String to, String directoryPath) {
        Map<String, @Nullable String> changes = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(from)).getTree());
            tree.addTree(walk.parseCommit(ObjectId.fromString(to)).getTree());
            tree.setRecursive(true);
            tree.setFilter(directoryPath.isEmpty() ? TreeFilter.ANY_DIFF
                    : AndTreeFilter.create(PathFilter.create(directoryPath.replaceAll("/$", "")), TreeFilter.ANY_DIFF));
            while (tree.next()) {
                ObjectId after = tree.getObjectId(1);
                changes.put(tree.getPathString(), after.equals(ObjectId.zeroId()) ? null : text(after));
            }
            return changes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tree(String commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(ObjectId.fromString(commit)).getTree().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(ObjectId blob) throws IOException {
        return new String(repository.open(blob).getBytes(), StandardCharsets.UTF_8);
    }
}
