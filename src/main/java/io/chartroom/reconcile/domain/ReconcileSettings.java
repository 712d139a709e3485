package io.chartroom.reconcile.domain;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reconciler (chartroom.reconcile.*).
 *
 * @param enabled         run the reconciler in this instance (it still only works while it holds the lease)
 * @param interval        how often every unit is looked at (changes on main are picked up at once anyway)
 * @param driftInterval   how often live objects are compared with what was applied
 * @param clusterParallelism units applied at once per cluster (a slow cluster holds only these)
 * @param forceConflicts  take fields over from other field managers when applying (else a conflict fails the unit)
 * @param leaderCheck     how often a replica looks whether it leads: a standby tries to take the leader's lock (free
 *                        as soon as the leader's database session ends), the leader checks that its session lives
 * @param maxBackoff      the longest wait between retries of a failing unit
 * @param crdTimeout      how long a CRD may take to become Established before the unit fails
 * @param progressDeadline how long a unit may stay Progressing before it counts as Degraded (a Deployment's own
 *                        progressDeadlineSeconds comes first)
 * @param pruneConfirmAbove a pass that would delete more objects than this on one cluster (releases removed)
 *                        waits for an ADMIN's confirmation
 * @param hookTimeout     how long a Helm hook (a Job, a Pod) may run, and a release may take to become healthy
 *                        before its post-install/post-upgrade hooks
 */
@ConfigurationProperties("chartroom.reconcile")
public record ReconcileSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration interval,
        @DefaultValue("180s") Duration driftInterval,
        @DefaultValue("4") int clusterParallelism,
        @DefaultValue("true") boolean forceConflicts,
        @DefaultValue("5s") Duration leaderCheck,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("120s") Duration crdTimeout,
        @DefaultValue("300s") Duration hookTimeout,
        @DefaultValue("10m") Duration progressDeadline,
        @DefaultValue("20") int pruneConfirmAbove) {}
