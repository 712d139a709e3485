package io.chartroom.reconcile.domain;

/**
 * How a unit's objects are doing on the cluster, ordered from best to worst for summaries: a unit shows the
 * worst state of its objects.
 * <ul>
 * <li>HEALTHY: rolled out, bound, complete, or nothing to wait for;</li>
 * <li>SUSPENDED: stopped on purpose (a paused Deployment, a suspended Job or CronJob, a paused custom
 * resource): nothing is wrong and nothing will change until someone resumes it, so it is not a problem. It
 * ranks just above HEALTHY, as in Argo CD, so that a unit with a suspended CronJob says so, while anything
 * still moving or broken in the same unit outranks it;</li>
 * <li>PROGRESSING: on its way (a rollout, a claim waiting for a volume);</li>
 * <li>UNKNOWN: the status cannot be read (malformed, or not reported); below MISSING and DEGRADED, unlike
 * Argo CD, because a known failure says more than a status nobody could read;</li>
 * <li>MISSING: not on the cluster;</li>
 * <li>DEGRADED: failed, or progressing for longer than its deadline.</li>
 * </ul>
 */
public enum HealthState {
    HEALTHY, SUSPENDED, PROGRESSING, UNKNOWN, MISSING, DEGRADED;

    /** The word every page uses for it: the state's name, capitalized (Healthy, Progressing, ...). */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }

    /** The worse of two. */
    public HealthState worst(HealthState other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * Nothing to wait for: healthy, or suspended on purpose (waiting for it would never end; Helm's wait also
     * counts a paused Deployment as ready).
     */
    public boolean settled() {
        return this == HEALTHY || this == SUSPENDED;
    }
}
