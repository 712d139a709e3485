package io.chartroom.reconcile.domain;

/** How a unit's objects are doing on the cluster; ordered from best to worst for summaries. */
public enum HealthState {
    HEALTHY, PROGRESSING, UNKNOWN, MISSING, DEGRADED;

    /** The worse of two. */
    public HealthState worst(HealthState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
