package io.chartroom.reconcile.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which replica reconciles which cluster: the same answer in every replica that sees the same members and holders,
 * so that they agree without talking. Sticky and balanced: a cluster stays with the live replica that holds it as
 * long as that replica holds no more than its share (the cluster count over the replica count, rounded up); the
 * clusters of a replica that left, new clusters, and a replica's clusters over its share (a replica joined) go to
 * the replica with the fewest, ties broken by a hash of cluster and replica (rendezvous hashing). So a replica that
 * dies moves only its clusters, a replica that joins takes only what the others have over their share, and no
 * replica holds more than one cluster over an even split.
 */
final class ClusterAssignment {

    private ClusterAssignment() {
    }

    /** cluster -> the member that should reconcile it; empty when there are no members. */
    static Map<String, String> assign(Collection<String> clusters, Set<String> members, Map<String, String> holders) {
        Map<String, String> assigned = new TreeMap<>();
        if (members.isEmpty()) {
            return assigned;
        }
        List<String> sorted = clusters.stream().distinct().sorted().toList();
        int share = (sorted.size() + members.size() - 1) / members.size();
        Map<String, List<String>> kept = new HashMap<>();
        List<String> open = new ArrayList<>();
        for (String cluster : sorted) {
            String holder = holders.get(cluster);
            if (holder != null && members.contains(holder)) {
                kept.computeIfAbsent(holder, h -> new ArrayList<>()).add(cluster);
            } else {
                open.add(cluster);
            }
        }
        Map<String, Integer> load = new TreeMap<>();
        members.forEach(m -> load.put(m, 0));
        kept.forEach((member, held) -> {
            // over its share: it keeps the clusters that hash closest to it, the others are open
            held.sort(Comparator.comparingLong((String c) -> score(c, member)).reversed().thenComparing(c -> c));
            for (int i = 0; i < held.size(); i++) {
                if (i < share) {
                    assigned.put(held.get(i), member);
                } else {
                    open.add(held.get(i));
                }
            }
            load.put(member, Math.min(share, held.size()));
        });
        open.sort(Comparator.naturalOrder());
        for (String cluster : open) {
            String best = null;
            for (String member : members) {
                if (best == null || load.get(member) < load.get(best)
                        || load.get(member).equals(load.get(best)) && score(cluster, member) > score(cluster, best)) {
                    best = member;
                }
            }
            assigned.put(cluster, best);
            load.merge(best, 1, Integer::sum);
        }
        return assigned;
    }

    /** Rendezvous weight of a cluster for a member: stable across processes and JVMs (not String.hashCode's spread). */
    static long score(String cluster, String member) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((cluster + '\0' + member).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }
}
