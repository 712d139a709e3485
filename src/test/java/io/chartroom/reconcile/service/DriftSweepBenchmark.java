package io.chartroom.reconcile.service;

import io.chartroom.reconcile.diff.DriftReference;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.bench.BenchReport;
import io.chartroom.bench.ReconcileBenchmark;
import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiServerRequests;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.RealKubeApiServer;
import io.chartroom.fixtures.TestCharts;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.reconcile.domain.UnitKey;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.AopTestUtils;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Issue 21's benchmark: what a drift sweep of 1,000 objects costs on the real kube-apiserver (100 releases of
 * the reconciler benchmark's 10-object chart on one cluster, self-heal on): wall time from the sweep's start
 * until every unit was compared, and the requests the API server counted (its own {@code apiserver_request_total}),
 * by verb. Steady sweeps compare with the apply answers kept in memory; the first sweep after a restart asks the
 * server again with a dry-run apply per object.
 */
@IntegrationTest
@Tag("bench")
@TestPropertySource(properties = {"chartroom.reconcile.drift-interval=15s", "chartroom.reconcile.interval=1h"})
class DriftSweepBenchmark {

    static final int RELEASES = 100;

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired Reconciler reconciler;
    @Autowired DriftReference references;
    @Autowired JdbcClient jdbc;

    @Test
    void aSweepOfAThousandObjects() throws Exception {
        String kubeconfig = RealKubeApiServer.kubeconfig();
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        Auth admin = Auth.user("admin");
        assertThat(api.post("/api/v1/clusters", admin, Map.of("name", "real-bench", "kind", "KUBECONFIG", "kubeconfig", kubeconfig,
                "labels", Map.of("env", "driftbench"))).status()).isEqualTo(201);
        Environments.create(api, Map.of("name", "driftbench", "clusterSelector", "env=driftbench", "kubeVersion", "1.20"));
        try (ChartRepositoryServer server = new ChartRepositoryServer();
             KubernetesClient kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig, null)).build()) {
            byte[] chart = ReconcileBenchmark.tenObjectChart();
            server.file("ten-1.0.0.tgz", chart);
            server.index("entries:\n  ten:\n" + TestCharts.indexEntry("ten", "1.0.0", TestCharts.sha256(chart), "ten-1.0.0.tgz", "bench"));
            assertThat(api.post("/api/v1/repositories", admin, Map.of("name", "bench", "url", server.url())).status()).isEqualTo(201);
            Poll.until(Duration.ofSeconds(60), () -> api.get("/api/v1/charts/bench/ten", Auth.user("viewer")).status(), s -> s == 200);
            ChartReference ten = new ChartReference("bench", server.url(), false, "ten", "1.0.0");
            Map<String, String> files = new TreeMap<>();
            for (int i = 0; i < RELEASES; i++) {
                files.putAll(RepositoryLayout.releaseFiles(new ReleaseDescription("d-" + i, "dn-" + (i % 10), "payments", ten,
                        List.of("driftbench"), "size: " + i + "\n", Map.of())));
            }
            String main = gitops.main();
            String commit = gitops.commit(main, files, gitops.system(), RELEASES + " releases");
            gitops.updateRef(GitOpsRepository.MAIN, main, commit);
            reconciler.wake();
            Poll.until(Duration.ofMinutes(10), () -> jdbc.sql("select count(*) from unit_status where cluster = 'real-bench' and sync = 'SYNCED' "
                    + "and revision = ? and pending_inventory is null").param(commit).query(Integer.class).single(), n -> n == RELEASES);
            Poll.until(Duration.ofMinutes(5), () -> reconciler.stats().inFlight(), n -> n == 0);

            List<Double> steady = new ArrayList<>();
            Map<String, Double> steadyRequests = new TreeMap<>();
            for (int i = 0; i < 5; i++) {
                Sweep s = sweep(kube);
                steady.add(s.millis());
                s.requests().forEach((k, v) -> steadyRequests.merge(k, v / 5, Double::sum));
            }
            Map<String, Double> idle0 = requests(kube);
            long idleStart = System.nanoTime();
            Poll.until(Duration.ofSeconds(10), System::nanoTime, t -> t - idleStart > 5_000_000_000L); // between two sweeps: the background
            Map<String, Double> idle = delta(idle0, requests(kube));
            // a restart: the apply answers are gone, each object is asked for again with a dry-run apply
            for (int i = 0; i < RELEASES; i++) {
                references.forget(new UnitKey("d-" + i, "driftbench", "real-bench"));
            }
            Sweep restart = sweep(kube);
            Sweep after = sweep(kube);
            long drift = jdbc.sql("select count(*) from audit_event where action like 'reconcile.drift%' and release_name like 'd-%'")
                    .query(Long.class).single();

            BenchReport.record("### Drift sweep on the real kube-apiserver (" + java.time.LocalDate.now() + ")");
            BenchReport.record("- " + RELEASES + " releases x 10 objects on one real cluster (Kubernetes 1.20), self-heal on");
            BenchReport.record("- steady sweep of 1,000 objects (5 sweeps): p50 " + BenchReport.ms(BenchReport.percentile(steady, 50) * 1e6)
                    + ", max " + BenchReport.ms(BenchReport.percentile(steady, 100) * 1e6) + "; requests per sweep " + steadyRequests);
            BenchReport.record("- first sweep after a restart: " + BenchReport.ms(restart.millis() * 1e6) + "; requests " + restart.requests()
                    + "; the sweep after it: " + BenchReport.ms(after.millis() * 1e6) + ", " + after.requests());
            BenchReport.record("- the API server's own background in 5 s without sweeps: " + idle);
            BenchReport.record("- drift rows written over the 7 sweeps: " + drift + " (no drift was made)");
            BenchReport.record("");
            assertThat(drift).isZero();
        }
    }

    record Sweep(double millis, Map<String, Double> requests) {}

    /** Waits for the next sweep to start, then until every unit was compared; what the API server answered meanwhile. */
    private Sweep sweep(KubernetesClient kube) {
        long before = reconciler.stats().driftSweeps();
        Poll.until(Duration.ofSeconds(30), () -> reconciler.stats().driftSweeps(), n -> n > before, Duration.ofMillis(5));
        long t0 = System.nanoTime();
        Map<String, Double> r0 = requests(kube);
        Poll.until(Duration.ofMinutes(5), () -> reconciler.stats().inFlight(), n -> n == 0, Duration.ofMillis(5));
        double millis = (System.nanoTime() - t0) / 1e6;
        return new Sweep(millis, delta(r0, requests(kube)));
    }

    private static Map<String, Double> delta(Map<String, Double> r0, Map<String, Double> r1) {
        return ApiServerRequests.delta(r0, r1);
    }

    private static Map<String, Double> requests(KubernetesClient kube) {
        return ApiServerRequests.now(kube);
    }
}
