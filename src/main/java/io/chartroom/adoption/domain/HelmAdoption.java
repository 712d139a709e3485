package io.chartroom.adoption.domain;

import java.time.Instant;

/** A Helm release on a cluster imported as Chartroom's {@code release} in {@code environment} by change request {@code changeRequestId}. */
public record HelmAdoption(String cluster, String namespace, String helmRelease, String release, String environment, long changeRequestId,
                           String importedBy, Instant importedAt) {
}
