package io.chartroom.values.domain;

import java.time.Instant;

/**
 * An environment releases run in (dev, staging, production), in order. Its label selector picks the
 * clusters it deploys to; {@code kubeVersion} is used to render while it selects none.
 */
public record Environment(String name, int position, String description, String clusterSelector, String kubeVersion,
                          Instant updatedAt, String updatedBy) {}
