package io.chartroom.reconcile.service;

import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.service.UnitWorkQueue.Work;
import org.jspecify.annotations.Nullable;

/**
 * A user's request for work on a release's units (apply again, rotate, run tests), asked of one replica and passed
 * on to the others: each does it on the units of the clusters it reconciles. {@code environment} and {@code cluster}
 * null: all of the release's.
 */
record UnitRequest(Work work, String actor, String release, @Nullable String environment, @Nullable String cluster) {

    static final String KIND = "reconcile.request";

    boolean matches(UnitKey key) {
        return key.release().equals(release) && (environment == null || key.environment().equals(environment))
                && (cluster == null || key.cluster().equals(cluster));
    }

    /** Tab-separated: names of releases, environments and clusters hold no tabs. */
    String encoded() {
        return String.join("\t", work.name(), actor.replace('\t', ' '), release, environment == null ? "" : environment, cluster == null ? "" : cluster);
    }

    static UnitRequest decoded(String text) {
        String[] parts = text.split("\t", -1);
        return new UnitRequest(Work.valueOf(parts[0]), parts[1], parts[2], parts[3].isEmpty() ? null : parts[3],
                parts[4].isEmpty() ? null : parts[4]);
    }
}
