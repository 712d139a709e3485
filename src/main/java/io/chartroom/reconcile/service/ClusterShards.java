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
    private final javax.sql.DataSource dataSource;
    private final String group;
    /** Who held each cluster at the previous look: an orphan another replica held is taken a look later. */
    private Map<String, String> previous = Map.of();

    /** {@code group}: the replicas that share the clusters ({@link #GROUP}: the portal's). */
    ClusterShards(DataSource dataSource, String group, String identity) {
        this.session = new GroupSession(dataSource, group, identity);
        this.dataSource = dataSource;
        this.group = group;
    }

    /**
     * One look: joins the group (or confirms the session lives), stops new work on clusters assigned elsewhere and lets
     * go of them unless {@code busy} (work on them still runs: let go at a later look), and takes the free clusters
     * assigned to this replica; one that a replica no longer in the group held at the previous look is taken a look
     * later, so that a replica that lost its session has a look's time to notice and stop. While {@code leader} names a replica that is
     * not a member (an older version during an upgrade, which reconciles every cluster), this replica takes none.
     * Returns the clusters gained by this look.
     */
    synchronized Set<String> renew(Collection<String> clusters, Predicate<String> busy, Optional<String> leader) {
        if (!session.join()) {
            lose("the database cannot be reached");
            return Set.of();
        }
        try {
            Set<String> members = session.members();
            if (leader.isPresent() && !members.contains(leader.get())) {
                lose("the reconciler's leader " + leader.get() + " does not share clusters (an older version)");
                session.held().forEach(this::releaseQuietly);
                return Set.of();
            }
            Map<String, String> holders = session.holders(clusters);
            Map<String, String> target = ClusterAssignment.assign(clusters, members, holders);
            Set<String> kept = new HashSet<>(owned);
            kept.removeIf(cluster -> !session.identity().equals(target.get(cluster)));
            owned = Set.copyOf(kept); // no new work on a cluster assigned elsewhere, before it is let go
            for (String cluster : session.held()) {
                if (!kept.contains(cluster) && !session.identity().equals(target.get(cluster)) && !busy.test(cluster)) {
                    session.release(cluster);
                    log.info("Cluster {} is reconciled by another replica now", cluster);
                }
            }
            Set<String> gained = new HashSet<>();
            for (Map.Entry<String, String> entry : target.entrySet()) {
                String cluster = entry.getKey();
                String before = previous.get(cluster);
                boolean graced = holders.get(cluster) == null && before != null && !before.equals(session.identity()) && !members.contains(before);
                if (entry.getValue().equals(session.identity()) && !kept.contains(cluster) && !graced && session.take(cluster)) {
                    kept.add(cluster);
                    gained.add(cluster);
                }
            }
            previous = holders;
            owned = Set.copyOf(kept);
            if (!gained.isEmpty()) {
                log.info("This replica ({}) reconciles {} cluster(s) now, {} of them new", session.identity(), kept.size(), gained.size());
            }
            return gained;
        } catch (SQLException e) {
            session.close();
            lose(e.getMessage());
            return Set.of();
        }
    }

    private void releaseQuietly(String cluster) {
        try {
            session.release(cluster);
        } catch (SQLException e) {
            // the session ends with its locks
        }
    }

    /** Whether this replica may work on the cluster now. */
    boolean owns(String cluster) {
        return owned.contains(cluster);
    }

    Set<String> owned() {
        return owned;
    }

    /** Which replica reconciles each cluster now, as the database sees it (clusters no replica holds are absent). */
    Map<String, String> holders(Collection<String> clusters) {
        try {
            return GroupSession.holders(dataSource, group, clusters);
        } catch (SQLException e) {
            return Map.of();
        }
    }

    /** Leaves the group: this replica's clusters are free for the others at once. */
    synchronized void leave() {
        owned = Set.of();
        session.close();
    }

    /** No new work until the next look succeeds (the clusters stay held: the look decides). */
    void suspend(String why) {
        lose(why);
    }

    private void lose(String why) {
        if (!owned.isEmpty()) {
            log.warn("This replica ({}) stops reconciling its {} cluster(s): {}", session.identity(), owned.size(), why);
        }
        owned = Set.of();
    }
}
