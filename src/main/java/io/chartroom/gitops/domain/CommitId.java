package io.chartroom.gitops.domain;

/** How commits of the GitOps repository are shown to people: the first 8 characters of the id, as Git's own tools do. */
public final class CommitId {

    private CommitId() {}

    /** Whether the text is a full commit id (40 hex digits, as Chartroom writes and links them). */
    public static boolean isFull(String id) {
        return id != null && id.matches("[0-9a-f]{40}");
    }

    /** The short form, e.g. {@code 3f2a9c1e}; empty text for no commit. */
    public static String shortOf(String id) {
        return id == null ? "" : id.length() <= 8 ? id : id.substring(0, 8);
    }
}
