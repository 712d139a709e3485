package io.chartroom.adoption.helmfile;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A repository's files by path ("releases/api/helmfile.yaml"), as read from a commit: text only, each at most
 * {@link #MAX_FILE} bytes (a larger one is not there, and says so). Paths are resolved inside the repository only:
 * "../" that leaves it is refused, and symbolic links are not followed (the reader never sees them as files).
 */
public final class RepositoryFiles {

    public static final int MAX_FILE = 1024 * 1024;

    private final Map<String, String> files;
    private final java.util.Set<String> tooLarge;

    public RepositoryFiles(Map<String, String> files) {
        this(files, List.of());
    }

    /** {@code tooLarge}: files that are there but over {@link #MAX_FILE}, not read. */
    public RepositoryFiles(Map<String, String> files, java.util.Collection<String> tooLarge) {
        this.files = new TreeMap<>(files);
        this.tooLarge = new java.util.TreeSet<>(tooLarge);
    }

    /** Why a path that cannot be read is not there: too large, or missing. */
    public String absence(String path) {
        return tooLarge.contains(path) ? path + " is over " + MAX_FILE / 1024 + " KB: not read" : path + " does not exist in the repository";
    }

    public Optional<String> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** {@code relative} from the directory of {@code from}; empty when it leaves the repository. */
    public static Optional<String> resolve(String from, String relative) {
        Path base = Path.of(from).getParent();
        Path resolved = (base == null ? Path.of(relative) : base.resolve(relative)).normalize();
        String text = resolved.toString().replace('\\', '/');
        return resolved.isAbsolute() || text.startsWith("..") || relative.startsWith("/") ? Optional.empty() : Optional.of(text);
    }

    /** The files matching a glob relative to the directory of {@code from}, in order; an empty list when none. */
    public List<String> glob(String from, String pattern) {
        Optional<String> resolved = resolve(from, pattern);
        if (resolved.isEmpty()) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + resolved.get());
        return files.keySet().stream().filter(p -> matcher.matches(Path.of(p))).toList();
    }
}
