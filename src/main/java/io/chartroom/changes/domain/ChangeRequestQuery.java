package io.chartroom.changes.domain;

import org.jspecify.annotations.Nullable;

/** Filters of the change-request list; null means any. */
public record ChangeRequestQuery(@Nullable ChangeRequestState state, @Nullable String release, @Nullable String environment,
                                 @Nullable String author) {

    public static ChangeRequestQuery all() {
        return new ChangeRequestQuery(null, null, null, null);
    }
}
