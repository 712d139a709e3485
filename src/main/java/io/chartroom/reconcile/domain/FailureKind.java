package io.chartroom.reconcile.domain;

/**
 * What kind of failure stopped a unit. TRANSIENT (the cluster could not be reached, answered 5xx or 429, timed
 * out) is retried on a back-off; PERMANENT (the chart does not render, the cluster refuses the objects as invalid
 * or forbidden) and CONFLICT (another field manager owns a field, without force) are not: the same inputs would
 * fail the same way, so they wait for a change of the release, its values or the cluster, or for Sync now.
 */
public enum FailureKind {
    TRANSIENT, PERMANENT, CONFLICT;

    public boolean retried() {
        return this == TRANSIENT;
    }
}
