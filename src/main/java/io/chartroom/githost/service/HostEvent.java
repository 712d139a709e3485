package io.chartroom.githost.service;

import org.jspecify.annotations.Nullable;

/**
 * What a webhook from the Git host says, as far as Chartroom acts on it. Published as an application event after
 * the delivery was verified and seen for the first time.
 */
public sealed interface HostEvent {

    /** The host's main moved (a merge there, or a push). */
    record MainPushed(String commit) implements HostEvent {}

    /**
     * A pull request into main opened, reopened or given new commits on the host: {@code branch} at {@code head};
     * {@code by} opened it, {@code pusher} sent this event (who pushed the new commits); {@code sameRepository}: the
     * branch is in the configured repository, not a fork.
     */
    record PullRequestOpened(long number, String branch, String head, String title, String body, String by, String pusher, String url,
                             boolean sameRepository) implements HostEvent {}

    /** A pull request was merged on the host; {@code mergeCommit} may be null when the host does not say. */
    record PullRequestMerged(long number, @Nullable String mergeCommit, String by) implements HostEvent {}

    /** A pull request was closed on the host without merging. */
    record PullRequestClosed(long number, String by) implements HostEvent {}

    /** A review on the host: approved, changes requested, or an approval withdrawn or dismissed. */
    /** {@code commit}: the head the review was given on, when the host says (an approval counts for that head only). */
    record PullRequestReviewed(long number, String by, Verdict verdict, @Nullable String commit) implements HostEvent {
        public enum Verdict { APPROVED, CHANGES_REQUESTED, WITHDRAWN }
    }

    /** A delivery Chartroom does not act on (another branch, a label, a comment). */
    record Ignored(String event) implements HostEvent {}
}
