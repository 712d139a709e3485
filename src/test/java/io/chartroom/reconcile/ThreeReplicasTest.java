package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import io.chartroom.ChartroomApplication;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.domain.ClusterRepository;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 22: three portal instances on one PostgreSQL (the GitOps repository in it, the reconciler sharded by
 * cluster). A change request opened on the first is approved on the second and merged on the third, and applied on
 * every cluster its environment selects, by whichever instance reconciles each; the six clusters are spread two per
 * instance. Then the instance that reconciles the most-used cluster dies (its database sessions end, as when its
 * process is killed, and it stops): the others take its clusters, and the next change is applied there too.
 */
class ThreeReplicasTest {

    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final List<ConfigurableApplicationContext> INSTANCES = new ArrayList<>();

    @AfterAll
    static void stop() {
        INSTANCES.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aChangeOpenedOnOneApprovedOnAnotherMergedOnAThirdIsAppliedAndAKilledInstancesClustersAreTakenOver() throws Exception {
        String database = "replicas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ConfigurableApplicationContext first = start(database);
        // four more clusters that environment dev selects: six in all, two per instance
        ClusterRepository clusters = first.getBean(ClusterRepository.class);
        for (int i = 2; i <= 5; i++) {
            clusters.insert(new ClusterRepository.Fields("sim-dev-" + i, "Simulated development cluster " + i, Map.of("env", "dev", "region", "local"),
                    "v1.31.0", Cluster.Kind.SIMULATED, null, null, null, null, null, null), "test", Instant.now());
        }
        ConfigurableApplicationContext second = start(database);
        ConfigurableApplicationContext third = start(database);
        ApiClient a = api(first);
        ApiClient b = api(second);
        ApiClient c = api(third);
        new ChangeRequests(a).awaitSamples();

        Map<String, String> spread = Poll.until(CONVERGE, () -> reconciledBy(a), by -> by.size() == 6 && counts(by).size() == 3
                && counts(by).values().stream().allMatch(n -> n == 2));
        assertThat(new HashSet<>(spread.values())).as("each instance reconciles two of the six clusters").hasSize(3);

        long opened = new ChangeRequests(a).propose(Auth.user("developer"), ChangeRequests.release("spread-web", "replicaCount: 1\n",
                Map.of("dev", "")), null).get("id").asLong();
        new ChangeRequests(b).approve(opened, "approver");
        ApiClient.Response merged = c.post("/api/v1/change-requests/" + opened + "/merge", Auth.user("approver"), Map.of());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        String firstRevision = merged.json().get("mergeCommit").asString();
        Set<String> devClusters = Set.of("sim-dev", "sim-dev-2", "sim-dev-3", "sim-dev-4", "sim-dev-5");
        awaitApplied(b, firstRevision, devClusters);

        // the instance that reconciles sim-dev dies: its sessions end (as when its process is killed), and it stops
        String owner = reconciledBy(a).get("sim-dev");
        ConfigurableApplicationContext dying = List.of(first, second, third).stream()
                .filter(ctx -> ctx.getBean(io.chartroom.reconcile.service.Reconciler.class).stats().identity().equals(owner)).findFirst().orElseThrow();
        List<String> itsClusters = reconciledBy(a).entrySet().stream().filter(e -> e.getValue().equals(owner)).map(Map.Entry::getKey).toList();
        ConfigurableApplicationContext survivor = dying == first ? second : first;
        ApiClient alive = api(survivor);
        JdbcClient jdbc = survivor.getBean(JdbcClient.class);
        long start = System.nanoTime();
        jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?").param(owner).query().listOfRows();
        INSTANCES.remove(dying);
        dying.close();
        Map<String, String> after = Poll.until(CONVERGE, () -> reconciledBy(alive),
                by -> by.size() == 6 && !by.containsValue(owner), Duration.ofMillis(200));
        long takeoverMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[replicas] " + itsClusters.size() + " clusters taken over " + takeoverMillis + " ms after their instance died");
        assertThat(takeoverMillis).as("within the lease time (leader-check 1 s here, 5 s by default)").isLessThan(30_000);
        spread.forEach((cluster, instance) -> {
            if (!instance.equals(owner)) {
                assertThat(after.get(cluster)).as("only the dead instance's clusters move: " + cluster).isEqualTo(instance);
            }
        });

        long update = new ChangeRequests(alive).propose(Auth.user("developer"), ChangeRequests.release("spread-web", "replicaCount: 2\n",
                Map.of("dev", "")), "spread-web").get("id").asLong();
        new ChangeRequests(alive).approve(update, "approver");
        ApiClient.Response updated = alive.post("/api/v1/change-requests/" + update + "/merge", Auth.user("approver"), Map.of());
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        awaitApplied(alive, updated.json().get("mergeCommit").asString(), devClusters);

        // the repository the instances shared is whole (JGit's fsck of the packs in PostgreSQL), and both changes merged
        org.eclipse.jgit.lib.Repository repository = survivor.getBean(io.chartroom.gitops.service.GitOpsRepository.class).repository();
        org.eclipse.jgit.internal.fsck.FsckError fsck = new org.eclipse.jgit.internal.storage.dfs.DfsFsck(
                (org.eclipse.jgit.internal.storage.dfs.DfsRepository) repository).check(org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
        assertThat(fsck.getCorruptObjects()).isEmpty();
        assertThat(fsck.getMissingObjects()).isEmpty();
        assertThat(fsck.getCorruptIndices()).isEmpty();
        assertThat(fsck.getNonCommitHeads()).isEmpty();
        assertThat(jdbc.sql("select state from change_request order by id").query(String.class).list()).containsExactly("MERGED", "MERGED");
    }

    private static ConfigurableApplicationContext start(String database) {
        // as command-line arguments: properties given to the builder are defaults, below application.yaml's
        String[] settings = List.of(TestSettings.POSTGRES_DIRECTORY, TestSettings.POSTGRES_CLEAN, "chartroom.db.embedded.database=" + database,
                TestSettings.DATA_DIR, TestSettings.FAST_SCHEDULERS, TestSettings.NO_WARM_UP, TestSettings.LAZY_RENDER_WORKERS,
                TestSettings.FAST_RECONCILE, TestSettings.SHORT_CLUSTER_TIMEOUT, "server.port=0", "chartroom.gitops.storage=postgresql",
                "chartroom.reconcile.leader-check=1s", "chartroom.clusters.simulated=true").stream().map(p -> "--" + p).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ChartroomApplication.class).run(settings);
        INSTANCES.add(context);
        return context;
    }

    private static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static void awaitApplied(ApiClient api, String revision, Set<String> clusters) {
        Poll.until(CONVERGE, () -> api.get("/api/v1/releases/spread-web/status", Auth.user("viewer")).json(), units -> {
            Set<String> synced = new HashSet<>();
            for (JsonNode unit : units) {
                if (unit.path("sync").asString().equals("SYNCED") && unit.path("revision").asString().equals(revision)) {
                    synced.add(unit.path("cluster").asString());
                }
            }
            return synced.equals(clusters);
        }, Duration.ofMillis(500));
    }

    private static Map<String, String> reconciledBy(ApiClient api) {
        Map<String, String> by = new HashMap<>();
        for (JsonNode cluster : api.get("/api/v1/clusters", Auth.user("viewer")).json()) {
            if (!cluster.path("reconciledBy").isNull() && !cluster.path("reconciledBy").isMissingNode()) {
                by.put(cluster.path("name").asString(), cluster.path("reconciledBy").asString());
            }
        }
        return by;
    }

    private static Map<String, Long> counts(Map<String, String> by) {
        Map<String, Long> counts = new HashMap<>();
        by.values().forEach(v -> counts.merge(v, 1L, Long::sum));
        return counts;
    }
}
