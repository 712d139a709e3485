package io.chartroom.changes.domain;

/** Filters of the change-request list; null means any. */
public record ChangeRequestQuery(ChangeRequestState state, String release, String environment, String author) {

    public static ChangeRequestQuery all() {
        return new ChangeRequestQuery(null, null, null, null);
    }
}
