package io.chartroom.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 22, item 4: the reconciler sharded by cluster. 100 clusters over 3 replicas on one PostgreSQL: every cluster
 * held by exactly one, none holding over 40%; a replica joining takes only what the others have over their share; a
 * replica leaving, or killed with SIGKILL in a process of its own, moves only its clusters, to the others, at their
 * next look; a cluster assigned elsewhere is let go only once the work running on it is done.
 */
@IntegrationTest
class ClusterShardsTest {

    private static final List<String> CLUSTERS = IntStream.range(0, 100).mapToObj(i -> "cluster-%03d".formatted(i)).toList();
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Autowired DataSource dataSource;

    @Test
    void hundredClustersSpreadOverThreeReplicasAndOnlyTheClustersOfOneThatComesOrGoesMove() {
        String group = "test.shards." + UUID.randomUUID();
        ClusterShards a = new ClusterShards(dataSource, group, "replica-a");
        ClusterShards b = new ClusterShards(dataSource, group, "replica-b");
        ClusterShards c = new ClusterShards(dataSource, group, "replica-c");
        ClusterShards d = new ClusterShards(dataSource, group, "replica-d");
        try {
            Map<String, String> three = settle(List.of(a, b, c));
            Map<String, Long> spread = counts(three);
            assertThat(spread).as("three replicas share the clusters").containsOnlyKeys("replica-a", "replica-b", "replica-c");
            assertThat(spread.values()).as("no replica over 40%% of the clusters: %s", spread).allMatch(n -> n <= 40);
            assertThat(a.owned()).as("what a replica works on is what the database says it holds")
                    .containsExactlyInAnyOrderElementsOf(three.entrySet().stream().filter(e -> e.getValue().equals("replica-a")).map(Map.Entry::getKey).toList());

            Map<String, String> four = settle(List.of(a, b, c, d));
            assertThat(counts(four).values()).as("a fourth replica: an even split, %s", counts(four)).allMatch(n -> n == 25);
            assertThat(moved(three, four)).as("only clusters that go to the new replica move")
                    .allMatch(cluster -> four.get(cluster).equals("replica-d"));

            c.leave(); // its session ends, as when its process dies
            Map<String, String> afterLeave = settle(List.of(a, b, d));
            assertThat(moved(four, afterLeave)).as("only the clusters of the replica that left move")
                    .containsExactlyInAnyOrderElementsOf(four.entrySet().stream().filter(e -> e.getValue().equals("replica-c")).map(Map.Entry::getKey).toList());
            assertThat(counts(afterLeave).values()).as("%s", counts(afterLeave)).allMatch(n -> n >= 33 && n <= 34);
        } finally {
            List.of(a, b, c, d).forEach(ClusterShards::leave);
        }
    }

    @Test
    void aReplicaKilledWithSigkillLosesItsClustersToTheOthersAtTheirNextLook() throws Exception {
        String group = "test.shards." + UUID.randomUUID();
        ClusterShards a = new ClusterShards(dataSource, group, "replica-a");
        ClusterShards b = new ClusterShards(dataSource, group, "replica-b");
        HikariDataSource pool = (HikariDataSource) dataSource;
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ShardMember.class.getName(), pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(),
                group, "replica-killed", String.join(",", CLUSTERS)).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(killed.getInputStream(), StandardCharsets.UTF_8))) {
            Thread.ofVirtual().start(() -> out.lines().forEach(line -> { })); // drained, so that it never blocks on its output
            Map<String, String> before = Poll.until(SETTLE, () -> {
                a.renew(CLUSTERS, cluster -> false, java.util.Optional.empty());
                b.renew(CLUSTERS, cluster -> false, java.util.Optional.empty());
                return a.holders(CLUSTERS);
            }, held -> held.size() == CLUSTERS.size() && counts(held).size() == 3 && counts(held).values().stream().allMatch(n -> n <= 34));
            assertThat(counts(before).get("replica-killed")).as("the process holds its share (what the others had over theirs)").isBetween(30L, 34L);

            long start = System.nanoTime();
            killed.destroyForcibly(); // SIGKILL: no goodbye, the database notices the socket close
            Map<String, String> after = Poll.until(SETTLE, () -> {
                a.renew(CLUSTERS, cluster -> false, java.util.Optional.empty());
                b.renew(CLUSTERS, cluster -> false, java.util.Optional.empty());
                return a.holders(CLUSTERS);
            }, held -> held.size() == CLUSTERS.size() && !held.containsValue("replica-killed"), Duration.ofMillis(100));
            long takeoverMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("[shards] takeover of " + counts(before).get("replica-killed") + " clusters after SIGKILL: " + takeoverMillis + " ms");
            assertThat(moved(before, after)).as("only the killed replica's clusters move")
                    .containsExactlyInAnyOrderElementsOf(before.entrySet().stream().filter(e -> e.getValue().equals("replica-killed")).map(Map.Entry::getKey).toList());
            assertThat(takeoverMillis).as("taken over within the lease time (the next looks)").isLessThan(30_000);
        } finally {
            killed.destroyForcibly();
            a.leave();
            b.leave();
        }
    }

    @Test
    void aClusterAssignedElsewhereIsLetGoOnlyOnceTheWorkRunningOnItIsDone() {
        String group = "test.shards." + UUID.randomUUID();
        List<String> clusters = List.of("east", "west");
        ClusterShards a = new ClusterShards(dataSource, group, "replica-a");
        ClusterShards b = new ClusterShards(dataSource, group, "replica-b");
        try {
            a.renew(clusters, cluster -> false, java.util.Optional.empty());
            assertThat(a.owned()).as("alone, it reconciles every cluster").containsExactlyInAnyOrder("east", "west");
            b.renew(clusters, cluster -> false, java.util.Optional.empty());
            assertThat(b.owned()).as("joined: nothing is free yet").isEmpty();
            a.renew(clusters, cluster -> true, java.util.Optional.empty()); // work still runs on both
            String moving = clusters.stream().filter(cl -> !a.owned().contains(cl)).findFirst().orElseThrow();
            assertThat(a.owned()).as("no new work starts on the cluster going to the other replica").hasSize(1);
            b.renew(clusters, cluster -> false, java.util.Optional.empty());
            assertThat(b.owned()).as("still held by the replica whose work on it runs").isEmpty();
            a.renew(clusters, cluster -> false, java.util.Optional.empty()); // the work is done
            b.renew(clusters, cluster -> false, java.util.Optional.empty());
            assertThat(b.owned()).containsExactly(moving);
            assertThat(a.holders(clusters)).containsEntry(moving, "replica-b");
        } finally {
            a.leave();
            b.leave();
        }
    }

    /** Every member looks until the holders stop changing and every cluster is held. */
    private static Map<String, String> settle(List<ClusterShards> members) {
        Map<String, String>[] last = new Map[] {Map.of()};
        return Poll.until(SETTLE, () -> {
            members.forEach(m -> m.renew(CLUSTERS, cluster -> false, java.util.Optional.empty()));
            Map<String, String> now = members.get(0).holders(CLUSTERS);
            boolean stable = now.equals(last[0]);
            last[0] = now;
            return stable ? now : Map.<String, String>of();
        }, held -> held.size() == CLUSTERS.size(), Duration.ofMillis(50));
    }

    private static Map<String, Long> counts(Map<String, String> holders) {
        Map<String, Long> counts = new HashMap<>();
        holders.values().forEach(h -> counts.merge(h, 1L, Long::sum));
        return counts;
    }

    private static List<String> moved(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().filter(cluster -> !before.get(cluster).equals(after.get(cluster))).toList();
    }
}
