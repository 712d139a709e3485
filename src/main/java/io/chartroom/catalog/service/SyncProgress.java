package io.chartroom.catalog.service;

/** Where a running sync is, for the progress bar. */
public record SyncProgress(long repositoryId, long syncId, Phase phase, long bytes, long totalBytes, int entries) {

    public enum Phase { STARTING, DOWNLOADING, READING, SAVING, FINISHED }

    /** 0..1 where it can be known, or -1 for an indeterminate bar. */
    public double fraction() {
        return switch (phase) {
            case DOWNLOADING -> totalBytes > 0 ? Math.min(1.0, (double) bytes / totalBytes) * 0.5 : -1;
            case READING -> -1;
            case SAVING -> 0.9;
            case FINISHED -> 1;
            case STARTING -> 0;
        };
    }

    public String describe() {
        return switch (phase) {
            case STARTING -> "Starting";
            case DOWNLOADING -> "Downloading index: " + RepositoryHttpClient.megabytes(bytes)
                    + (totalBytes > 0 ? " of " + RepositoryHttpClient.megabytes(totalBytes) : "");
            case READING -> "Reading: " + entries + " versions";
            case SAVING -> "Saving " + entries + " versions";
            case FINISHED -> "Finished";
        };
    }
}
