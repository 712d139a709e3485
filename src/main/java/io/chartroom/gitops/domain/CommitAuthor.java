package io.chartroom.gitops.domain;

/**
 * Who a commit of the GitOps repository is by, without JGit's types leaving the gitops feature: a portal user
 * (named as they are displayed, with a {@code <username>@chartroom} address) or the portal itself.
 */
public record CommitAuthor(String name, String email) {

    /** A portal user: their display name when they have one, else their username. */
    public static CommitAuthor user(String username, String displayName) {
        return new CommitAuthor(displayName == null || displayName.isBlank() ? username : displayName, username + "@chartroom");
    }

    /** A portal user known only by username (a change request's author, when squash-merging). */
    public static CommitAuthor user(String username) {
        return user(username, null);
    }
}
