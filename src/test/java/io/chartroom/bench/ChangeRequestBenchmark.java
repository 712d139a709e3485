package io.chartroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.environments.service.EnvironmentService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Issue 5's benchmark: a GitOps repository of 2,000 releases in three environments (10,000 files); change
 * requests that change one release's production values are opened (branch + commit + diffs and checks,
 * rendering both sides) and merged one after another over the REST API, main moving under each.
 */
@IntegrationTest
@Tag("bench")
// measures the change-request path alone: the reconciler would apply 6,000 units to the simulated clusters meanwhile
@org.springframework.test.context.TestPropertySource(properties = "chartroom.reconcile.enabled=false")
class ChangeRequestBenchmark {

    static final int RELEASES = 2_000;
    static final int WARM_UP = 10;
    static final int RUNS = 200; // percentiles from 200 samples (issue 23)

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired EnvironmentService environments;
    @Autowired ObjectProvider<SecurityContextHolderStrategy> security;

    /** Where the repository is kept, as the figures name it: on disk here. */
    String storage() {
        return "";
    }

    @Test
    void createAndMergeInALargeRepository() {
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        Environments.create(api, Map.of("name", "staging", "position", 2, "description", "bench", "clusterSelector", "env=dev", "kubeVersion", "1.31"));

        ChartReference chart = new ChartReference("chartroom-samples", "http://localhost:" + port + "/samples/charts/", false, "web-service", "1.2.0");
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < RELEASES; i++) {
            files.putAll(RepositoryLayout.releaseFiles(new ReleaseDescription("rel-" + i, "ns-" + (i % 50), "payments", chart,
                    List.of("dev", "staging", "production"), "image:\n  repository: ghcr.io/acme/rel-" + i + "\n",
                    Map.of("dev", "replicaCount: 1\n", "staging", "replicaCount: 2\n", "production", "replicaCount: 3\n"))));
        }
        String main = gitops.main();
        long t0 = System.nanoTime();
        gitops.updateRef(GitOpsRepository.MAIN, main, gitops.commit(main, files, gitops.system(), "2,000 releases"));
        long seeded = System.nanoTime() - t0;
        int fileCount = gitops.readTree(gitops.main(), "").size();

        List<Double> create = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            Map<String, Object> release = ChangeRequests.release("rel-" + i, "image:\n  repository: ghcr.io/acme/rel-" + i + "\n",
                    Map.of("dev", "replicaCount: 1\n", "staging", "replicaCount: 2\n", "production", "replicaCount: " + (4 + i % 5) + "\n"));
            release.put("namespace", "ns-" + (i % 50));
            long c0 = System.nanoTime();
            long id = changes.propose(Auth.user("developer"), release, "rel-" + i).get("id").asLong();
            long c1 = System.nanoTime();
            if (i >= WARM_UP) {
                create.add((double) (c1 - c0));
                ids.add(id);
            }
            changes.approve(id, "approver", "approver2");
        }
        List<Double> merge = new ArrayList<>();
        for (long id : ids) {
            long m0 = System.nanoTime();
            ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
            merge.add((double) (System.nanoTime() - m0));
            assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        }
        assertThat(gitops.read(gitops.main(), "releases/rel-" + (WARM_UP + RUNS - 1) + "/values/rel-" + (WARM_UP + RUNS - 1)
                + "--production.yaml")).isPresent();

        BenchReport.record("### Change requests" + storage() + " (" + java.time.LocalDate.now() + ")");
        BenchReport.record(String.format("- repository: %,d releases in 3 environments, %,d files (seeded in one commit in %s)",
                RELEASES, fileCount, BenchReport.ms(seeded)));
        BenchReport.record("- open a change request over the API (branch + commit + diffs and checks: both sides rendered and linted in "
                + "3 environments), " + RUNS + " runs: p50 " + BenchReport.ms(BenchReport.percentile(create, 50)) + ", p95 "
                + BenchReport.ms(BenchReport.percentile(create, 95)) + " (goal: p95 under 300 ms)");
        BenchReport.record("- merge over the API, main moved since each was opened (in-memory three-way merge), " + RUNS
                + " runs: p50 " + BenchReport.ms(BenchReport.percentile(merge, 50)) + ", p95 " + BenchReport.ms(BenchReport.percentile(merge, 95))
                + " (goal: p95 under 200 ms)");
        BenchReport.verdict("Change request open over the API" + storage() + ", p95", BenchReport.ms(BenchReport.percentile(create, 95)),
                RUNS + " runs, p50 " + BenchReport.ms(BenchReport.percentile(create, 50)), "p95 < 300 ms", BenchReport.percentile(create, 95) < 300e6);
        BenchReport.verdict("Change request merge over the API" + storage() + ", p95", BenchReport.ms(BenchReport.percentile(merge, 95)),
                RUNS + " runs, p50 " + BenchReport.ms(BenchReport.percentile(merge, 50)), "p95 < 200 ms", BenchReport.percentile(merge, 95) < 200e6);
        BenchReport.record("");
    }
}
