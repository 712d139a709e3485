package io.chartroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 3's benchmark: a generated index.yaml of 20,000 chart versions (about 25 MB), synced from scratch
 * and again unchanged, with the peak heap during the sync; helm-java's own repository loading (repo add +
 * search) of the same index in the same run, as the reference; search latency over the synced catalog.
 */
@IntegrationTest
@Tag("bench")
class CatalogSyncBenchmark {

    static final int CHARTS = 2_000;
    static final int VERSIONS_PER_CHART = 10;

    @LocalServerPort int port;
    @TempDir Path tmp;

    @Test
    void syncTwentyThousandVersions() throws Exception {
        String index = generateIndex();
        BenchReport.record("### Catalog sync (" + java.time.LocalDate.now() + ")");
        BenchReport.record(String.format("- index: %d charts x %d versions = %d versions, %.1f MB", CHARTS, VERSIONS_PER_CHART,
                CHARTS * VERSIONS_PER_CHART, index.length() / 1024.0 / 1024.0));
        try (ChartRepositoryServer server = new ChartRepositoryServer()) {
            server.index(index);
            ApiClient api = new ApiClient(port);

            // helm-java's repository loading, the reference: repo add (download + parse) and one search
            Path repoConfig = tmp.resolve("repositories.yaml");
            long h0 = System.nanoTime();
            Helm.repo().add().withRepositoryConfig(repoConfig).withName("bench").withUrl(URI.create(server.url())).call();
            long h1 = System.nanoTime();
            var found = Helm.search().repo().withRepositoryConfig(repoConfig).withKeyword("chart-1234").call();
            long h2 = System.nanoTime();
            assertThat(found).isNotEmpty();
            double helmTotal = h2 - h0;
            BenchReport.record("- helm-java repo add: " + BenchReport.ms(h1 - h0) + ", search: " + BenchReport.ms(h2 - h1)
                    + ", together: " + BenchReport.ms(helmTotal));

            long heapBefore = BenchReport.usedHeapMb();
            BenchReport.resetPeakHeap();
            SyncTiming cold;
            long liveDuring;
            int collections;
            try (BenchReport.LiveHeapWatcher watcher = new BenchReport.LiveHeapWatcher()) {
                cold = syncFromScratch(api, server, "bench");
                liveDuring = watcher.maxLiveMb();
                collections = watcher.collections();
            }
            long peak = BenchReport.peakHeapMb();
            SyncTiming steady = syncFromScratch(api, server, "bench-again");
            BenchReport.record("- Chartroom sync from scratch, first in this JVM (YAML scanner not yet compiled): "
                    + BenchReport.ms(cold.reported()) + String.format(" (%.1fx faster than helm-java)", helmTotal / cold.reported()));
            BenchReport.record("- Chartroom sync from scratch of the same index into a second repository (steady state): "
                    + BenchReport.ms(steady.reported()) + String.format(" (%.1fx faster than helm-java; goal: at least 3x)", helmTotal / steady.reported()));
            BenchReport.record("- heap of the whole JVM (portal and test): " + heapBefore + " MB live before the first sync; during it, "
                    + "at most " + liveDuring + " MB live after any of its " + collections + " collections, so the sync itself held at most "
                    + Math.max(0, liveDuring - heapBefore) + " MB; peak used heap including uncollected garbage " + peak
                    + " MB (heap limit " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB; goal: peak under 256 MB)");
            long id = cold.id();

            List<Double> unchanged = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long u0 = System.nanoTime();
                JsonNode again = api.post("/api/v1/repositories/" + id + "/sync", Auth.user("admin"), Map.of()).json();
                unchanged.add((double) (System.nanoTime() - u0));
                assertThat(again.get("status").asString()).isEqualTo("UNCHANGED");
            }
            BenchReport.record("- unchanged re-sync (sync now over the API, 5 runs): median "
                    + BenchReport.ms(BenchReport.percentile(unchanged, 50)) + ", max " + BenchReport.ms(BenchReport.percentile(unchanged, 100))
                    + " (goal: under 1 s)");

            Random random = new Random(42);
            List<String> queries = List.of("chart-1", "chart-12", "chart-1999", "database", "web proxy", "queue", "metrics", "ingr", "cache", "x");
            for (int i = 0; i < 20; i++) {
                api.get("/api/v1/charts?q=" + queries.get(i % queries.size()).replace(" ", "%20"), Auth.user("viewer"));
            }
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String q = random.nextInt(3) == 0 ? queries.get(random.nextInt(queries.size())) : "chart-" + random.nextInt(CHARTS);
                long q0 = System.nanoTime();
                ApiClient.Response r = api.get("/api/v1/charts?size=50&q=" + q.replace(" ", "%20"), Auth.user("viewer"));
                latencies.add((double) (System.nanoTime() - q0));
                assertThat(r.status()).isEqualTo(200);
            }
            BenchReport.record("- search over the API (300 queries, results + total count): p50 "
                    + BenchReport.ms(BenchReport.percentile(latencies, 50)) + ", p95 " + BenchReport.ms(BenchReport.percentile(latencies, 95))
                    + " (goal: p95 under 30 ms)");
        }
    }

    record SyncTiming(long id, double reported) {}

    /** Registers a repository for the served index and waits for its first sync; the time is the sync's own record. */
    static SyncTiming syncFromScratch(ApiClient api, ChartRepositoryServer server, String name) {
        ApiClient.Response created = api.post("/api/v1/repositories", Auth.user("admin"), Map.of("name", name, "url", server.url()));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        JsonNode sync = Poll.until(Duration.ofMinutes(5), () -> api.get("/api/v1/repositories/" + id, Auth.user("admin")).json().get("lastSync"),
                s -> !s.isNull() && !s.get("status").asString().equals("RUNNING"));
        assertThat(sync.get("status").asString()).as(sync.toString()).isEqualTo("SUCCEEDED");
        assertThat(sync.get("versionsAdded").asInt()).isEqualTo(CHARTS * VERSIONS_PER_CHART);
        return new SyncTiming(id, Duration.between(java.time.Instant.parse(sync.get("startedAt").asString()),
                java.time.Instant.parse(sync.get("finishedAt").asString())).toNanos());
    }

    /** 2,000 charts with 10 versions each, entries shaped like those of large public repositories. */
    static String generateIndex() {
        String[] words = {"database", "web", "proxy", "queue", "metrics", "ingress", "cache", "storage", "security", "logging"};
        StringBuilder sb = new StringBuilder(26 * 1024 * 1024).append("apiVersion: v1\nentries:\n");
        Random random = new Random(7);
        for (int c = 0; c < CHARTS; c++) {
            String name = "chart-" + c;
            sb.append("  ").append(name).append(":\n");
            for (int v = VERSIONS_PER_CHART - 1; v >= 0; v--) {
                String version = (1 + v / 5) + "." + (v % 5) + "." + random.nextInt(10);
                sb.append("  - apiVersion: v2\n")
                        .append("    name: ").append(name).append('\n')
                        .append("    version: ").append(version).append('\n')
                        .append("    appVersion: \"").append(3 + v).append(".").append(random.nextInt(20)).append(".0\"\n")
                        .append("    description: ").append(words[c % words.length]).append(" component number ").append(c)
                        .append(" for the benchmark, described at length as public charts often are, with many words in it about ")
                        .append("what it deploys, how it is configured, and which Kubernetes versions it supports\n")
                        .append("    created: \"2026-0").append(1 + v % 9).append("-1").append(v % 9).append("T10:00:00.000000000Z\"\n")
                        .append("    digest: ").append(String.format("%064x", random.nextLong() & Long.MAX_VALUE)).append('\n')
                        .append("    home: https://example.com/charts/").append(name).append('\n')
                        .append("    icon: https://example.com/icons/").append(name).append(".png\n")
                        .append("    keywords:\n    - ").append(words[c % words.length]).append("\n    - ").append(words[(c + 3) % words.length]).append('\n')
                        .append("    maintainers:\n    - name: Maintainer ").append(c % 50).append("\n      email: m").append(c % 50).append("@example.com\n")
                        .append("    sources:\n    - https://github.com/example/").append(name).append('\n')
                        .append("    annotations:\n      category: ").append(words[(c + 1) % words.length]).append('\n')
                        .append("      licenses: Apache-2.0\n")
                        .append("      changes: |\n        - kind: changed\n          description: Update the default image to ").append(version)
                        .append("\n        - kind: fixed\n          description: Probes use the named port\n")
                        .append("      images: |\n        - name: ").append(name).append("\n          image: registry.example.com/")
                        .append(name).append(':').append(version).append("\n        - name: sidecar\n          image: registry.example.com/sidecar:")
                        .append(version).append('\n')
                        .append("    dependencies:\n    - name: common\n      version: 2.x.x\n      repository: oci://registry.example.com/charts\n")
                        .append("    urls:\n    - https://example.com/charts/").append(name).append('-').append(version).append(".tgz\n");
            }
        }
        return sb.append("generated: \"2026-11-01T00:00:00Z\"\n").toString();
    }
}
