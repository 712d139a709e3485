package io.chartroom.gitops.domain;

/** How commits of the GitOps repository are shown to people: the first 8 characters of the id, as Git's own tools do. */
public final class CommitId {

    private CommitId() {}

    /** The short form, e.g. {@code 3f2a9c1e}; empty text for no commit. */
    public static String shortOf(String id) {
        return id == null ? "" : id.length() <= 8 ? id : id.substring(0, 8);
    }
}
