package io.chartroom.catalog.domain;

import java.time.Instant;
import java.util.List;

/** One sync of a repository: while it runs, and its result after. */
public record RepositorySync(
        long id,
        long repositoryId,
        String trigger,
        Instant startedAt,
        Instant finishedAt,
        Status status,
        MergeCounts counts,
        int errorCount,
        String message,
        List<String> errors) {

    public enum Status { RUNNING, SUCCEEDED, UNCHANGED, FAILED }

    /** A one-line result, e.g. "+2 charts, +40 versions, 3 updated, 1 removed, 2 entries skipped". */
    public String summary() {
        return switch (status) {
            case RUNNING -> "running";
            case UNCHANGED -> "the index has not changed";
            case FAILED -> "failed: " + message;
            case SUCCEEDED -> counts.describe() + (errorCount > 0 ? ", " + errorCount + " entries skipped" : "");
        };
    }
}
