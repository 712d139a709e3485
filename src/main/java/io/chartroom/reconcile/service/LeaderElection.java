package io.chartroom.reconcile.service;

import io.chartroom.base.database.SessionLock;
import java.net.InetAddress;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which portal replica reconciles: the one whose database session holds the reconciler's advisory lock. When
 * the leader dies or loses the database, PostgreSQL ends its session and the lock is free at once; the next
 * replica to look takes it. A leader checks its session at every look, and stops leading when it is gone.
 */
final class LeaderElection {

    static final String LOCK = "chartroom.reconciler";
    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    private final DataSource dataSource;
    private final SessionLock lock;
    private final String identity;
    private final AtomicBoolean leader = new AtomicBoolean();

    LeaderElection(DataSource dataSource, String lock) {
        this.dataSource = dataSource;
        this.identity = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.lock = new SessionLock(dataSource, lock, identity);
    }

    /** Takes the lock, or checks it is still held; returns whether this replica leads now (and logs changes). */
    synchronized boolean renew() {
        boolean now = lock.tryHold();
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

    /** The replica that leads now, as the database sees it. */
    Optional<String> holder() {
        return SessionLock.holder(dataSource, lock.name());
    }

    synchronized void resign() {
        leader.set(false);
        lock.close();
    }

    private static String host() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 40 ? name.substring(0, 40) : name; // with the suffix, within PostgreSQL's application_name
        } catch (Exception e) {
            return "chartroom";
        }
    }
}
