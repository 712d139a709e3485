package io.chartroom.reconcile.service;

import io.chartroom.reconcile.domain.LeaderLeaseRepository;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which portal replica reconciles: the holder of a lease in PostgreSQL, renewed every third of its lifetime.
 * When the holder stops renewing (it died, or lost the database), another takes the lease once it expires.
 */
final class LeaderElection {

    static final String LEASE = "reconciler";
    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    private final LeaderLeaseRepository leases;
    private final String lease;
    private final Duration ttl;
    private final String identity;
    private final AtomicBoolean leader = new AtomicBoolean();

    LeaderElection(LeaderLeaseRepository leases, String lease, Duration ttl) {
        this.leases = leases;
        this.lease = lease;
        this.ttl = ttl;
        this.identity = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Takes or renews the lease; returns whether this replica leads now (and logs changes). */
    boolean renew() {
        boolean now;
        try {
            now = leases.acquire(lease, identity, ttl);
        } catch (RuntimeException e) {
            now = false; // no database: do not act as leader
        }
        if (leader.getAndSet(now) != now) {
            log.info(now ? "This replica ({}) leads the reconciler" : "This replica ({}) no longer leads the reconciler", identity);
        }
        return now;
    }

    boolean leader() {
        return leader.get();
    }

    String identity() {
        return identity;
    }

    void resign() {
        if (leader.getAndSet(false)) {
            try {
                leases.release(lease, identity);
            } catch (RuntimeException ignored) {
                // shutting down: the lease expires by itself
            }
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "chartroom";
        }
    }
}
