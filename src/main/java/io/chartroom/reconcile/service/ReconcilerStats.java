package io.chartroom.reconcile.service;

/**
 * A replica's reconciler in numbers, for the status page, the metrics and benchmarks.
 *
 * @param leader      whether this replica holds the leader's lock (it also removes units of clusters no longer registered)
 * @param identity    this replica's name, as the status of a cluster names the replica that reconciles it
 * @param clusters    how many clusters this replica reconciles now
 * @param driftSweeps how many times every unit's live objects were scheduled for comparison since start
 * @param watches     open watches for deletions (one per real cluster and kind of object it holds)
 */
public record ReconcilerStats(boolean leader, String identity, int clusters, long writes, int inFlight, long passes, long lastPassMillis,
                              String lastRevision, long driftSweeps, int watches) {}
