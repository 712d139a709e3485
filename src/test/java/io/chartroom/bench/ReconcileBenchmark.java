package io.chartroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.domain.ClusterRepository;
import io.chartroom.clusters.service.SimulatedApiServer;
import io.chartroom.clusters.service.SimulatedClusters;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.AsUser;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.TestCharts;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.reconcile.service.Reconciler;
import io.chartroom.values.service.EnvironmentService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 6's benchmark: 1,000 releases of a chart that renders 10 objects, in three environments on three
 * simulated clusters (3,000 units, 30,000 objects in 100 namespaces per cluster). From empty to converged; a
 * pass with nothing to do (time, API writes); merge-to-applied latency of one release on three clusters; and
 * the same pre-rendered objects applied with fabric8 directly to three fresh simulated clusters, the bare cost.
 */
@IntegrationTest
@Tag("bench")
@TestPropertySource(properties = {"chartroom.reconcile.drift-interval=1h", "chartroom.reconcile.interval=1h",
        "chartroom.reconcile.cluster-parallelism=4", "chartroom.render.workers=2"})
class ReconcileBenchmark {

    static final int RELEASES = Integer.getInteger("bench.releases", 1000);
    static final List<String> ENVIRONMENTS = List.of("dev", "staging", "production");

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired EnvironmentService environments;
    @Autowired ClusterRepository clusters;
    @Autowired SimulatedClusters simulated;
    @Autowired Reconciler reconciler;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectProvider<SecurityContextHolderStrategy> security;

    int synced(String revision) {
        return jdbc.sql("select count(*) from unit_status where sync = 'SYNCED' and pending_inventory is null and revision = ?")
                .param(revision).query(Integer.class).single();
    }

    @Test
    void convergeANoOpPassAndMergeToApplied() throws Exception {
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        AsUser as = new AsUser(security);
        clusters.insert(new ClusterRepository.Fields("sim-staging", "bench", Map.of("env", "staging"), "v1.31.2", Cluster.Kind.SIMULATED,
                null, null, null, null, null, null), "bench", Instant.now());
        as.call("admin", () -> environments.create(new EnvironmentService.Draft("staging", 2, "bench", "env=staging", "1.31")));

        // a chart of 10 objects, in its own repository
        try (ChartRepositoryServer server = new ChartRepositoryServer()) {
            byte[] chart = tenObjectChart();
            server.file("ten-1.0.0.tgz", chart);
            server.index("entries:\n  ten:\n" + TestCharts.indexEntry("ten", "1.0.0", TestCharts.sha256(chart), "ten-1.0.0.tgz", "bench"));
            assertThat(api.post("/api/v1/repositories", Auth.user("admin"), Map.of("name", "bench", "url", server.url())).status()).isEqualTo(201);
            Poll.until(Duration.ofSeconds(60), () -> api.get("/api/v1/charts/bench/ten", Auth.user("viewer")).status(), s -> s == 200);
            ChartReference ten = new ChartReference("bench", server.url(), false, "ten", "1.0.0");

            Map<String, String> files = new TreeMap<>();
            for (int i = 0; i < RELEASES; i++) {
                files.putAll(RepositoryLayout.releaseFiles(new ReleaseDescription("r-" + i, "ns-" + (i % 100), "payments", ten, ENVIRONMENTS,
                        "size: " + i + "\n", Map.of())));
            }
            String main = gitops.main();
            String commit = gitops.commit(main, files, gitops.system(), RELEASES + " releases");
            long w0 = reconciler.stats().writes();
            long t0 = System.nanoTime();
            gitops.updateRef(GitOpsRepository.MAIN, main, commit);
            reconciler.wake();
            int units = RELEASES * ENVIRONMENTS.size();
            Poll.until(Duration.ofMinutes(30), () -> synced(commit), n -> n >= units);
            double converge = System.nanoTime() - t0;
            long convergeWrites = reconciler.stats().writes() - w0;
            // health follow-ups (rollouts finishing) read every object once more; let them finish first
            Poll.until(Duration.ofMinutes(15), () -> reconciler.stats().inFlight(), n -> n == 0);

            // a pass with nothing to do
            List<Double> passes = new ArrayList<>();
            long writesBefore = reconciler.stats().writes();
            long serverWritesBefore = serverWrites();
            for (int i = 0; i < 5; i++) {
                long before = reconciler.stats().passes();
                reconciler.wake();
                Poll.until(Duration.ofMinutes(2), () -> reconciler.stats().passes(), p -> p > before);
                passes.add(reconciler.stats().lastPassMillis() * 1e6);
            }
            Poll.until(Duration.ofMinutes(15), () -> reconciler.stats().inFlight(), n -> n == 0);
            long noOpWrites = reconciler.stats().writes() - writesBefore;
            long noOpServerWrites = serverWrites() - serverWritesBefore;

            // merge to applied, one release on three clusters
            ChangeRequests changes = new ChangeRequests(api);
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Map<String, Object> release = ChangeRequests.release("r-" + i, "size: " + (i + 100000) + "\n", Map.of("dev", "", "staging", "", "production", ""));
                release.put("namespace", "ns-" + (i % 100));
                release.put("repository", "bench");
                release.put("chart", "ten");
                release.put("version", "1.0.0");
                long id = changes.propose(Auth.user("developer"), release, "r-" + i).get("id").asLong();
                changes.approve(id, "approver", "approver2");
                long m0 = System.nanoTime();
                String merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of()).json().get("mergeCommit").asString();
                String name = "r-" + i;
                Poll.until(Duration.ofSeconds(60), () -> jdbc.sql("select count(*) from unit_status where release_name = ? and revision = ? "
                        + "and sync = 'SYNCED' and last_applied_at > now() - interval '1 minute' and pending_inventory is null")
                        .params(name, merged).query(Integer.class).single(), n -> n == 3);
                latencies.add((double) (System.nanoTime() - m0));
            }

            // the bare cost: the same rendered objects applied with fabric8 to three fresh simulated clusters
            double bare = bareApply(api);

            BenchReport.record("### Reconciler (" + java.time.LocalDate.now() + ")");
            BenchReport.record(String.format("- %,d releases x 10 objects (+ namespaces) x 3 simulated clusters = %,d units", RELEASES, units));
            BenchReport.record("- converge from empty (commit on main to every unit Synced): " + BenchReport.ms(converge) + ", "
                    + convergeWrites + " API writes");
            BenchReport.record("- a pass with nothing to do: p50 " + BenchReport.ms(BenchReport.percentile(passes, 50)) + ", max "
                    + BenchReport.ms(BenchReport.percentile(passes, 100)) + "; API writes during 5 passes: " + noOpWrites
                    + " (clusters saw " + noOpServerWrites + ") (goal: zero writes, under 2 s)");
            BenchReport.record("- merge to applied, one release on 3 clusters (10 merges): p50 " + BenchReport.ms(BenchReport.percentile(latencies, 50))
                    + ", max " + BenchReport.ms(BenchReport.percentile(latencies, 100)) + " (goal: p50 under 2 s)");
            BenchReport.record("- bare fabric8 server-side apply of the same pre-rendered objects, 4 at a time per cluster: " + BenchReport.ms(bare)
                    + String.format("; Chartroom's converge / bare: %.2fx (goal: under 1.5x)", converge / bare));
            BenchReport.record("");
        }
    }

    private long serverWrites() {
        long total = 0;
        for (String c : List.of("sim-dev", "sim-staging", "sim-production")) {
            total += simulated.server(c).orElseThrow().writes();
        }
        return total;
    }

    /** Renders each release once per environment as Chartroom would, then applies everything with fabric8 only. */
    private double bareApply(ApiClient api) throws Exception {
        List<List<Map<String, Object>>> perRelease = new ArrayList<>();
        for (int i = 0; i < RELEASES; i++) {
            String manifest = api.post("/api/v1/releases/render?environment=dev", Auth.user("developer"), Map.of("name", "r-" + i,
                    "namespace", "ns-" + (i % 100), "team", "payments", "repository", "bench", "chart", "ten", "version", "1.0.0",
                    "environments", List.of("dev"), "values", "size: " + i + "\n")).json().get(0).get("manifest").asString();
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object doc : new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadAllFromString(manifest)) {
                if (doc instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> object = (Map<String, Object>) m;
                    ((Map<String, Object>) object.get("metadata")).putIfAbsent("namespace", "ns-" + (i % 100));
                    objects.add(object);
                }
            }
            perRelease.add(objects);
        }
        List<SimulatedApiServer> servers = new ArrayList<>();
        List<KubernetesClient> clients = new ArrayList<>();
        java.lang.reflect.Constructor<SimulatedApiServer> constructor = SimulatedApiServer.class.getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        for (int c = 0; c < 3; c++) {
            SimulatedApiServer server = constructor.newInstance("v1.31.2");
            servers.add(server);
            clients.add(new KubernetesClientBuilder().withConfig(server.config()).build());
        }
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (KubernetesClient client : clients) {
                Semaphore permits = new Semaphore(4);
                for (int ns = 0; ns < Math.min(100, RELEASES); ns++) {
                    client.resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("ns-" + ns).endMetadata().build())
                            .fieldManager("bench").serverSideApply();
                }
                for (List<Map<String, Object>> objects : perRelease) {
                    done.add(pool.submit(() -> {
                        permits.acquire();
                        try {
                            for (Map<String, Object> object : objects) {
                                var serialization = client.getKubernetesSerialization();
                                var type = serialization.getRegisteredKubernetesResource(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")));
                                var resource = (io.fabric8.kubernetes.api.model.HasMetadata) serialization.convertValue(object, type);
                                client.resource(resource).fieldManager("bench").forceConflicts().serverSideApply();
                            }
                        } finally {
                            permits.release();
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.forEach(KubernetesClient::close);
            servers.forEach(SimulatedApiServer::close);
        }
        return System.nanoTime() - t0;
    }

    /** A chart whose release renders 10 objects. */
    static byte[] tenObjectChart() {
        StringBuilder configMaps = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            configMaps.append("""
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: {{ .Release.Name }}-config-%d
                    data:
                      size: "{{ .Values.size }}"
                      part: "%d"
                    """.formatted(i, i));
        }
        String templates = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: {{ .Release.Name }}}
                  template:
                    metadata:
                      labels: {app: {{ .Release.Name }}}
                    spec:
                      serviceAccountName: {{ .Release.Name }}
                      containers:
                        - name: app
                          image: nginx:1.27
                          ports: [{name: http, containerPort: 8080}]
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  selector: {app: {{ .Release.Name }}}
                  ports: [{port: 80, targetPort: http}]
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: {{ .Release.Name }}
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: {{ .Release.Name }}
                stringData:
                  token: "bench"
                """ + configMaps;
        return TestCharts.tgz(List.of(
                TestCharts.Entry.file("ten/Chart.yaml", "apiVersion: v2\nname: ten\nversion: 1.0.0\n"),
                TestCharts.Entry.file("ten/values.yaml", "size: 1\n"),
                TestCharts.Entry.file("ten/templates/all.yaml", templates)));
    }
}
