package io.chartroom.reconcile.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The implied Namespaces this replica applied lately, per cluster. Every release in a namespace carries the
 * same Namespace object (only Chartroom's label), so a hundred releases in one namespace would otherwise apply
 * it a hundred times in a row. Within {@link #TTL} of a successful apply of the identical object it is skipped;
 * a unit that fails on a cluster forgets that cluster's entries, so a namespace deleted behind Chartroom's back
 * is applied again by the retry (and by the drift check in any case).
 */
@Component
class RecentNamespaces {

    static final Duration TTL = Duration.ofMinutes(2);

    private final Map<String, Map<String, Instant>> byCluster = new ConcurrentHashMap<>();
    private final Clock clock;

    RecentNamespaces(Clock clock) {
        this.clock = clock;
    }

    /** Whether this exact Namespace object was applied to the cluster within the TTL. */
    boolean fresh(String cluster, Map<String, Object> namespace) {
        Instant at = byCluster.getOrDefault(cluster, Map.of()).get(namespace.toString());
        return at != null && at.plus(TTL).isAfter(clock.instant());
    }

    void applied(String cluster, Map<String, Object> namespace) {
        byCluster.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>()).put(namespace.toString(), clock.instant());
    }

    void forget(String cluster) {
        byCluster.remove(cluster);
    }
}
