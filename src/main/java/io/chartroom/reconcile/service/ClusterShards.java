package io.chartroom.reconcile.service;

import io.chartroom.base.database.GroupSession;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters this replica reconciles. Every replica whose reconciler runs is a member of one group in PostgreSQL
 * and holds a lock per cluster it reconciles ({@link GroupSession}); which clusters that should be, every member
 * works out alike ({@link ClusterAssignment}). A cluster's lock is the right to change it: a replica takes only
 * clusters no other holds, and lets go of one assigned elsewhere only once its running work there is done, so two
 * replicas never work on one cluster. A replica that dies loses its session and its clusters with it at once; the
 * others take them at their next look.
 */
final class ClusterShards {

    static final String GROUP = "chartroom.reconciler";
    private static final Logger log = LoggerFactory.getLogger(ClusterShards.class);

    private final GroupSession session;
    private volatile Set<String> owned = Set.of();

    /** {@code group}: the replicas that share the clusters ({@link #GROUP}: the portal's). */
    ClusterShards(DataSource dataSource, String group, String identity) {
        this.session = new GroupSession(dataSource, group, identity);
    }

    /**
     * One look: joins the group (or confirms the session lives), takes the free clusters assigned to this replica, and
     * lets go of those assigned elsewhere unless {@code busy} (work on them still runs: let go at a later look). No new
     * work starts on a cluster once it is assigned elsewhere. Returns the clusters gained by this look.
     */
    synchronized Set<String> renew(Collection<String> clusters, Predicate<String> busy) {
        if (!session.join()) {
            lose("the database cannot be reached");
            return Set.of();
        }
        try {
            Map<String, String> target = ClusterAssignment.assign(clusters, session.members(), session.holders(clusters));
            for (String cluster : session.held()) {
                if (!session.identity().equals(target.get(cluster)) && !busy.test(cluster)) {
                    session.release(cluster);
                    log.info("Cluster {} is reconciled by another replica now", cluster);
                }
            }
            Set<String> next = new HashSet<>();
            Set<String> gained = new HashSet<>();
            for (Map.Entry<String, String> entry : target.entrySet()) {
                if (entry.getValue().equals(session.identity()) && session.take(entry.getKey())) {
                    next.add(entry.getKey());
                    if (!owned.contains(entry.getKey())) {
                        gained.add(entry.getKey());
                    }
                }
            }
            owned = Set.copyOf(next);
            if (!gained.isEmpty()) {
                log.info("This replica ({}) reconciles {} cluster(s) now, {} of them new", session.identity(), next.size(), gained.size());
            }
            return gained;
        } catch (SQLException e) {
            session.close();
            lose(e.getMessage());
            return Set.of();
        }
    }

    /** Whether this replica may work on the cluster now. */
    boolean owns(String cluster) {
        return owned.contains(cluster);
    }

    Set<String> owned() {
        return owned;
    }

    String identity() {
        return session.identity();
    }

    /** Which replica reconciles each cluster now, as the database sees it (clusters no replica holds are absent). */
    Map<String, String> holders(Collection<String> clusters) {
        try {
            return session.holders(clusters);
        } catch (SQLException e) {
            return Map.of();
        }
    }

    Optional<String> holder(String cluster) {
        return Optional.ofNullable(holders(Set.of(cluster)).get(cluster));
    }

    /** Leaves the group: this replica's clusters are free for the others at once. */
    synchronized void leave() {
        owned = Set.of();
        session.close();
    }

    private void lose(String why) {
        if (!owned.isEmpty()) {
            log.warn("This replica ({}) stops reconciling its {} cluster(s): {}", session.identity(), owned.size(), why);
        }
        owned = Set.of();
    }
}
