package io.chartroom.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.bench.BenchReport;
import io.chartroom.bench.ReconcileBenchmark;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ApiServerRequests;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.RealKubeApiServer;
import io.chartroom.fixtures.TestCharts;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 15's drift benchmark: 3,000 units (releases of the reconciler benchmark's 10-object chart) on the real
 * kube-apiserver, idle for {@code chartroom.bench.idle} (10 minutes by default) with drift sweeps every minute and
 * health refreshes every few seconds: the API server's reads (GET, LIST) after the informers' initial lists, which
 * should be none; then one object changed by another field manager, and how long until its unit healed it.
 */
@IntegrationTest
@Tag("bench")
// the informers' reflectors log at DEBUG why they list again (a watch closed, 410 Gone) when a read does happen
@TestPropertySource(properties = {"chartroom.reconcile.drift-interval=1m", "chartroom.reconcile.interval=1h",
        "logging.level.io.fabric8.kubernetes.client.informers.impl.cache.Reflector=DEBUG"})
class IdleFleetBenchmark {

    static final int RELEASES = 3000;

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired Reconciler reconciler;
    @Autowired JdbcClient jdbc;
    @Autowired io.chartroom.clusters.service.ClusterRequestMeter requests;

    @Test
    void aQuietFleetCostsNoReadsAndADriftIsNoticedAtOnce() throws Exception {
        Duration idleFor = Duration.parse("PT" + System.getProperty("chartroom.bench.idle", "10m").toUpperCase());
        String kubeconfig = RealKubeApiServer.kubeconfig();
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        Auth admin = Auth.user("admin");
        assertThat(api.post("/api/v1/clusters", admin, Map.of("name", "real-idle", "kind", "KUBECONFIG", "kubeconfig", kubeconfig,
                "labels", Map.of("env", "idlebench"))).status()).isEqualTo(201);
        Environments.create(api, Map.of("name", "idlebench", "clusterSelector", "env=idlebench", "kubeVersion", "1.20"));
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
                files.putAll(RepositoryLayout.releaseFiles(new ReleaseDescription("i-" + i, "in-" + (i % 30), "payments", ten,
                        List.of("idlebench"), "size: " + i + "\n", Map.of())));
            }
            String main = gitops.main();
            String commit = gitops.commit(main, files, gitops.system(), RELEASES + " releases");
            long converge = System.nanoTime();
            gitops.updateRef(GitOpsRepository.MAIN, main, commit);
            Poll.until(Duration.ofMinutes(30), () -> jdbc.sql("select count(*) from unit_status where cluster = 'real-idle' and sync = 'SYNCED' "
                    + "and revision = ? and pending_inventory is null").param(commit).query(Integer.class).single(), n -> n == RELEASES);
            Poll.until(Duration.ofMinutes(5), () -> reconciler.stats().inFlight(), n -> n == 0);
            double convergeSeconds = (System.nanoTime() - converge) / 1e9;
            // the informers have listed once and follow the watch from here
            Poll.until(Duration.ofMinutes(2), () -> reconciler.stats().watches(), n -> n >= 6);
            Map<String, Double> r0 = ApiServerRequests.now(kube);
            double reads0 = requests.count("real-idle", "read");
            double writes0 = requests.count("real-idle", "write");
            long sweeps0 = reconciler.stats().driftSweeps();
            long idleStart = System.nanoTime();
            Poll.until(idleFor.plusMinutes(1), System::nanoTime, t -> t - idleStart > idleFor.toNanos(), Duration.ofSeconds(1));
            Map<String, Double> idle = ApiServerRequests.delta(r0, ApiServerRequests.now(kube));
            double reads = requests.count("real-idle", "read") - reads0;
            double writes = requests.count("real-idle", "write") - writes0;
            long sweeps = reconciler.stats().driftSweeps() - sweeps0;

            // another field manager changes one object: the unit hears of it from the watch and heals it
            long healedBefore = healed();
            long t0 = System.nanoTime();
            kube.apps().deployments().inNamespace("in-7").withName("i-7").edit(d -> {
                d.getSpec().setReplicas(5);
                return d;
            });
            Poll.until(Duration.ofSeconds(60), this::healed, n -> n > healedBefore, Duration.ofMillis(10));
            double noticed = (System.nanoTime() - t0) / 1e6;

            BenchReport.record("### Idle fleet on the real kube-apiserver (" + java.time.LocalDate.now() + ")");
            BenchReport.record("- " + RELEASES + " units x 10 objects on one real cluster (Kubernetes 1.20); converged in "
                    + String.format("%.1f s", convergeSeconds));
            BenchReport.record("- idle " + idleFor.toMinutes() + " min, " + sweeps + " drift sweeps of every unit and health refreshes every 3 s: "
                    + "Chartroom's reads " + (long) reads + ", writes " + (long) writes + " (dry runs included); the API server counted "
                    + idle + " (its own background included)" + (reads == 0 ? "" : "; Chartroom's last reads: " + requests.recentReads("real-idle")));
            BenchReport.record("- one Deployment changed by another field manager: healed after " + BenchReport.ms(noticed * 1e6));
            BenchReport.record("");
            assertThat(reads).as("a quiet fleet costs no reads").isZero();
            assertThat(noticed).isLessThan(5000);
        }
    }

    private long healed() {
        return jdbc.sql("select count(*) from audit_event where action = 'reconcile.drift_healed' and release_name like 'i-%'")
                .query(Long.class).single();
    }
}
