package io.chartroom.environments.domain;

import java.time.Instant;

/**
 * An environment releases run in (dev, staging, production), in order. Its label selector picks the
 * clusters it deploys to; {@code kubeVersion} is used to render while it selects none; with {@code selfHeal}
 * the reconciler repairs drift by itself instead of only reporting it; with {@code pruneCrds} a release's CRDs are
 * deleted with it (Helm never does, and Chartroom does not by default).
 */
public record Environment(String name, int position, String description, String clusterSelector, String kubeVersion,
                          boolean selfHeal, boolean pruneCrds, Instant updatedAt, String updatedBy) {}
