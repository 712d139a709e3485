package io.chartroom.gitops.domain;

import org.jspecify.annotations.Nullable;

/** A file in the GitOps repository that is not what Chartroom reads; it names the file and, where known, the line. */
public class LayoutException extends RuntimeException {

    private final String path;
    private final @Nullable Integer line;
    private final String problem;

    public LayoutException(String path, @Nullable Integer line, String problem) {
        super(path + (line == null ? "" : ":" + line) + ": " + problem);
        this.path = path;
        this.line = line;
        this.problem = problem;
    }

    public LayoutException(String path, String problem) {
        this(path, null, problem);
    }

    public String path() {
        return path;
    }

    /** 1-based, or null when the problem is the whole file. */
    public @Nullable Integer line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
