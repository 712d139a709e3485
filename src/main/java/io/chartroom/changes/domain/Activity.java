package io.chartroom.changes.domain;

import java.time.Instant;

/** One entry of a change request's conversation: a comment, or something that happened to it. */
public record Activity(long id, long changeRequestId, Kind kind, String actor, String body, Instant at) {

    public enum Kind { OPENED, COMMENTED, COMMITTED, APPROVED, DISMISSED, MERGED, OVERRIDDEN, CLOSED, REOPENED, REVERTED }
}
