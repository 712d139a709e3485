package io.chartroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
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
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 23, item 5: the reconciler against the real kube-apiserver, not fabric8's mock. 100 releases of a chart of
 * three objects (Deployment, Service, ConfigMap) on one cluster, against a raw server-side-apply loop over the same
 * objects (rendered beforehand by helm-java, with Chartroom's labels), keep-alive connections, 4 releases at a time as
 * Chartroom's cluster parallelism, alternated round by round: first applies (fresh names each round; Chartroom's side
 * includes rendering, the raw loop's does not) and re-applies of unchanged objects (Chartroom's Sync now, asked in
 * process: renders cached; the raw loop applies the same objects again).
 */
@IntegrationTest
@Tag("bench")
@TestPropertySource(properties = {"chartroom.reconcile.drift-interval=1h", "chartroom.reconcile.interval=1h",
        "chartroom.reconcile.cluster-parallelism=4", "chartroom.render.workers=2"})
class RealApiReconcileBenchmark {

    static final int RELEASES = 100;
    static final int ROUNDS = 5;
    static final int NAMESPACES = 10;

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired JdbcClient jdbc;
    @Autowired io.chartroom.reconcile.service.Reconciler reconciler;

    @Test
    void chartroomAgainstARawServerSideApplyLoop() throws Exception {
        String kubeconfig = RealKubeApiServer.kubeconfig();
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        assertThat(api.post("/api/v1/clusters", Auth.user("admin"), Map.of("name", "real-bench", "kind", "KUBECONFIG", "kubeconfig", kubeconfig,
                "labels", Map.of("env", "realbench"))).status()).isEqualTo(201);
        Environments.create(api, Map.of("name", "realbench", "clusterSelector", "env=realbench", "kubeVersion", "1.20"));
        try (ChartRepositoryServer server = new ChartRepositoryServer();
             KubernetesClient kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig, null)).build()) {
            byte[] chart = TestCharts.tgz(CHART.entrySet().stream().map(e -> TestCharts.Entry.file("three/" + e.getKey(), e.getValue())).toList());
            server.file("three-1.0.0.tgz", chart);
            server.index("entries:\n  three:\n" + TestCharts.indexEntry("three", "1.0.0", TestCharts.sha256(chart), "three-1.0.0.tgz", "bench"));
            assertThat(api.post("/api/v1/repositories", Auth.user("admin"), Map.of("name", "bench3", "url", server.url())).status()).isEqualTo(201);
            Poll.until(Duration.ofSeconds(60), () -> api.get("/api/v1/charts/bench3/three", Auth.user("viewer")).status(), s -> s == 200);
            ChartReference three = new ChartReference("bench3", server.url(), false, "three", "1.0.0");
            for (int ns = 0; ns < NAMESPACES; ns++) {
                kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("rbench-" + ns).endMetadata().build()).createOr(c -> c.update());
            }

            List<Double> chartroomFirst = new ArrayList<>();
            List<Double> rawFirst = new ArrayList<>();
            List<Double> chartroomAgain = new ArrayList<>();
            List<Double> rawAgain = new ArrayList<>();
            // round 0 warms both sides up and is not counted
            for (int round = 0; round <= ROUNDS; round++) {
                String prefix = "c" + round + "-";
                double first = chartroomFirstApply(three, prefix);
                List<List<HasMetadata>> raw = rendered(kube, "r" + round + "-");
                double rawCreate = rawApply(kube, raw);
                double again = chartroomSyncNow(prefix);
                double rawReapply = rawApply(kube, raw);
                if (round > 0) {
                    chartroomFirst.add(first);
                    rawFirst.add(rawCreate);
                    chartroomAgain.add(again);
                    rawAgain.add(rawReapply);
                }
            }
            BenchReport.record("### Reconciler on the real kube-apiserver (" + java.time.LocalDate.now() + ")");
            BenchReport.record("- " + RELEASES + " releases x 3 objects on kube-apiserver 1.20 (etcd on this machine), 4 releases at a time, "
                    + ROUNDS + " alternated rounds after one unmeasured");
            report("first apply: Chartroom commit on main to every unit Synced (render included) / raw server-side-apply loop (rendered beforehand)",
                    chartroomFirst, rawFirst);
            report("re-apply of unchanged objects: Chartroom Sync now of every release to every unit applied again (renders cached) / raw loop "
                    + "applying the same objects again", chartroomAgain, rawAgain);
            BenchReport.record("");
        } finally {
            api.delete("/api/v1/clusters/real-bench", Auth.user("admin"));
        }
    }

    private void report(String what, List<Double> chartroom, List<Double> raw) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < chartroom.size(); i++) {
            ratios.add(chartroom.get(i) / raw.get(i));
        }
        double median = BenchReport.percentile(ratios, 50);
        BenchReport.record(String.format("- %s: Chartroom median %s (%s to %s), raw median %s (%s to %s); ratio median %.2fx (min %.2fx, max %.2fx; "
                        + "goal: under 1.2x: %s)", what,
                BenchReport.ms(BenchReport.percentile(chartroom, 50)), BenchReport.ms(BenchReport.percentile(chartroom, 0)),
                BenchReport.ms(BenchReport.percentile(chartroom, 100)), BenchReport.ms(BenchReport.percentile(raw, 50)),
                BenchReport.ms(BenchReport.percentile(raw, 0)), BenchReport.ms(BenchReport.percentile(raw, 100)), median,
                BenchReport.percentile(ratios, 0), BenchReport.percentile(ratios, 100), median < 1.2 ? "holds" : "does not hold"));
        BenchReport.verdict("Real kube-apiserver, " + what.substring(0, what.indexOf(':')) + ", Chartroom / raw", String.format("%.2fx", median),
                String.format("%.2fx to %.2fx, %d rounds", BenchReport.percentile(ratios, 0), BenchReport.percentile(ratios, 100), ratios.size()),
                "< 1.2x", median < 1.2);
    }

    /** Commits the releases on main and waits until every unit is Synced at that revision. */
    private double chartroomFirstApply(ChartReference chart, String prefix) {
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < RELEASES; i++) {
            files.putAll(RepositoryLayout.releaseFiles(new ReleaseDescription(prefix + i, "rbench-" + (i % NAMESPACES), "payments", chart,
                    List.of("realbench"), "size: " + i + "\n", Map.of())));
        }
        String main = gitops.main();
        String commit = gitops.commit(main, files, gitops.system(), RELEASES + " releases");
        long t0 = System.nanoTime();
        gitops.updateRef(GitOpsRepository.MAIN, main, commit);
        Poll.until(Duration.ofMinutes(5), () -> jdbc.sql("select count(*) from unit_status where sync = 'SYNCED' and pending_inventory is null "
                + "and revision = ? and release_name like ?").params(commit, prefix + "%").query(Integer.class).single(), n -> n == RELEASES,
                Duration.ofMillis(10));
        return System.nanoTime() - t0;
    }

    /** Sync now of every release of the round, until every unit was applied again. */
    private double chartroomSyncNow(String prefix) {
        Timestamp start = Timestamp.from(Instant.now());
        long t0 = System.nanoTime();
        for (int i = 0; i < RELEASES; i++) { // in process: 100 HTTP requests in a row would be timed as the reconciler's
            assertThat(reconciler.syncNow(prefix + i, false, "bench")).isEqualTo(1);
        }
        Poll.until(Duration.ofMinutes(5), () -> jdbc.sql("select count(*) from unit_status where sync = 'SYNCED' and last_applied_at >= ? "
                + "and release_name like ?").params(start, prefix + "%").query(Integer.class).single(), n -> n == RELEASES, Duration.ofMillis(10));
        return System.nanoTime() - t0;
    }

    /** The chart rendered by helm-java for each release, with Chartroom's labels and annotation, as typed objects. */
    @SuppressWarnings("unchecked")
    private static List<List<HasMetadata>> rendered(KubernetesClient kube, String prefix) throws Exception {
        Path chart = Files.createTempDirectory("bench-three");
        for (Map.Entry<String, String> file : CHART.entrySet()) {
            Path target = chart.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        Path values = chart.resolveSibling(chart.getFileName() + "-values.yaml");
        List<List<HasMetadata>> releases = new ArrayList<>();
        for (int i = 0; i < RELEASES; i++) {
            Files.writeString(values, "size: " + i + "\n");
            String namespace = "rbench-" + (i % NAMESPACES);
            String manifest = new com.marcnuri.helm.Helm(chart).template().withName(prefix + i).withNamespace(namespace)
                    .withKubeVersion("v1.20.2").withValuesFile(values).call();
            List<HasMetadata> objects = new ArrayList<>();
            for (Object doc : new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadAllFromString(manifest)) {
                if (doc instanceof Map<?, ?> m) {
                    Map<String, Object> object = (Map<String, Object>) m;
                    Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
                    metadata.putIfAbsent("namespace", namespace);
                    Map<String, Object> labels = (Map<String, Object>) metadata.computeIfAbsent("labels", k -> new java.util.LinkedHashMap<>());
                    labels.put("chartroom.io/managed", "true");
                    labels.put("chartroom.io/release", prefix + i);
                    labels.put("chartroom.io/environment", "realbench");
                    ((Map<String, Object>) metadata.computeIfAbsent("annotations", k -> new java.util.LinkedHashMap<>()))
                            .put("chartroom.io/revision", "0123456789abcdef0123456789abcdef01234567");
                    var type = kube.getKubernetesSerialization().getRegisteredKubernetesResource(String.valueOf(object.get("apiVersion")),
                            String.valueOf(object.get("kind")));
                    objects.add((HasMetadata) kube.getKubernetesSerialization().convertValue(object, type));
                }
            }
            releases.add(objects);
        }
        return releases;
    }

    /** Server-side applies every release's objects, 4 releases at a time, over one client's keep-alive connections. */
    private static double rawApply(KubernetesClient kube, List<List<HasMetadata>> releases) throws Exception {
        long t0 = System.nanoTime();
        Semaphore permits = new Semaphore(4);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (List<HasMetadata> objects : releases) {
                done.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        for (HasMetadata object : objects) {
                            kube.resource(object).fieldManager("bench").forceConflicts().serverSideApply();
                        }
                    } finally {
                        permits.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return System.nanoTime() - t0;
    }

    static final Map<String, String> CHART = Map.of("Chart.yaml", "apiVersion: v2\nname: three\nversion: 1.0.0\n", "templates/objects.yaml", """
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
                  containers:
                    - name: app
                      image: nginx:1.27
                      ports: [{name: http, containerPort: 8080, protocol: TCP}]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: {{ .Release.Name }}
            spec:
              selector: {app: {{ .Release.Name }}}
              ports: [{port: 80, targetPort: http, protocol: TCP}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}
            data:
              size: "{{ .Values.size }}"
            """);
}
