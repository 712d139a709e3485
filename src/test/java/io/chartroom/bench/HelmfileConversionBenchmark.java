package io.chartroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.AsUser;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.CommitAuthor;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.releases.service.ConversionComparisons;
import io.chartroom.releases.service.RenderedManifests;
import io.chartroom.releases.service.RenderedTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 20's conversion goal: the no-change check of converting a helmfile repository of 200 releases x 3
 * environments (goal: under 60 s on 2 cores): the helmfile read again, and every release rendered both ways in every
 * environment and group of clusters through the render workers. Each run's values differ (a run number), so that
 * no run is served from the render cache of the one before.
 */
@IntegrationTest
@Tag("bench")
public class HelmfileConversionBenchmark {

    public static final int RELEASES = 200;
    public static final List<String> ENVIRONMENTS = List.of("dev", "staging", "production");

    @Autowired GitOpsRepository gitops;
    @Autowired ConversionComparisons comparisons;
    @Autowired org.springframework.beans.factory.ObjectProvider<org.springframework.security.core.context.SecurityContextHolderStrategy> security;
    @LocalServerPort int port;

    @Test
    void twoHundredReleasesInThreeEnvironmentsRenderedBothWays() {
        new ChangeRequests(new ApiClient(port)).awaitSamples();
        String url = "http://127.0.0.1:" + port + "/samples/charts/";
        List<Double> runs = new ArrayList<>();
        ConversionComparisons.Comparison comparison = null;
        for (int run = 0; run < 3; run++) {
            // commits beside main, never on it: the comparison reads the two commits it is given
            String base = gitops.commit(null, helmfileRepository(url, run), CommitAuthor.user("bench"), "helmfile, run " + run);
            String head = gitops.commit(null, chartroomLayout(url, run), CommitAuthor.user("bench"), "converted, run " + run);
            long t0 = System.nanoTime();
            comparison = new AsUser(security).call("admin", () -> comparisons.compare(base, head, null));
            runs.add((double) (System.nanoTime() - t0));
        }
        assertThat(comparison.problems()).isEmpty();
        assertThat(comparison.pairs()).hasSize(RELEASES * ENVIRONMENTS.size());
        for (ConversionComparisons.Pair pair : comparison.pairs()) {
            assertThat(yaml(pair.chartroom())).as(pair.release() + " in " + pair.environment()).isEqualTo(yaml(pair.helmfile())).isNotEmpty();
        }
        double median = BenchReport.percentile(runs, 50);
        BenchReport.record("### Converting a helmfile repository: the no-change check (" + java.time.LocalDate.now() + ")");
        BenchReport.record(String.format("- %d releases x 3 environments, the helmfile read again and each rendered both ways per group of "
                        + "clusters, 3 runs with fresh values: median %s (%s to %s) (goal: under 60 s: %s)", RELEASES, BenchReport.ms(median),
                BenchReport.ms(BenchReport.percentile(runs, 0)), BenchReport.ms(BenchReport.percentile(runs, 100)), median < 60e9 ? "holds" : "does not hold"));
        BenchReport.verdict("Helmfile conversion check, 200 releases x 3 environments", BenchReport.ms(median), BenchReport.range(runs) + ", 3 runs",
                "< 60 s", median < 60e9);
        BenchReport.record("");
    }

    private static List<String> yaml(List<RenderedTarget> targets) {
        return targets.stream().flatMap(t -> t.objects().stream()).map(RenderedManifests.ManifestObject::yaml).toList();
    }

    public static Map<String, String> helmfileRepository(String url, int run) {
        Map<String, String> files = new HashMap<>();
        files.put("helmfile.yaml", "helmfiles:\n  - path: releases/*/helmfile.yaml\n");
        StringBuilder environments = new StringBuilder("environments:\n");
        for (int e = 0; e < ENVIRONMENTS.size(); e++) {
            environments.append("  ").append(ENVIRONMENTS.get(e)).append(":\n    values: [{replicas: ").append(e + 1).append(", run: \"")
                    .append(run).append("\"}]\n");
        }
        files.put("environments.yaml", environments.toString());
        for (int i = 0; i < RELEASES; i++) {
            files.put("releases/app-" + i + "/helmfile.yaml", """
                    bases:
                      - ../../environments.yaml
                    ---
                    repositories:
                      - name: chartroom-samples
                        url: %s
                    releases:
                      - name: app-%d
                        namespace: team
                        chart: chartroom-samples/web-service
                        version: 1.2.0
                        values:
                          - values.yaml
                          - replicaCount: {{ .Values.replicas }}
                            podAnnotations:
                              run: "{{ .Values.run }}"
                    """.formatted(url, i));
            files.put("releases/app-" + i + "/values.yaml", "image:\n  repository: registry.example.com/app-" + i + "\n");
        }
        return files;
    }

    static Map<String, String> chartroomLayout(String url, int run) {
        Map<String, String> files = new HashMap<>();
        files.put(RepositoryLayout.HELMFILE, RepositoryLayout.rootHelmfile());
        files.put(RepositoryLayout.ENVIRONMENTS, EnvironmentsLayout.write(ENVIRONMENTS.stream().map(e -> EnvironmentDefinition.of(e, "", "env=" + e,
                "1.31", false, false, EnvironmentDefinition.Approvals.DEFAULT)).toList()));
        for (int i = 0; i < RELEASES; i++) {
            Map<String, String> layers = new HashMap<>();
            for (int e = 0; e < ENVIRONMENTS.size(); e++) {
                layers.put(ENVIRONMENTS.get(e), "replicaCount: " + (e + 1) + "\npodAnnotations:\n  run: \"" + run + "\"\n");
            }
            files.putAll(RepositoryLayout.releaseFiles(new ReleaseDescription("app-" + i, "team", "bench",
                    new ChartReference("chartroom-samples", url, false, "web-service", "1.2.0"), ENVIRONMENTS,
                    "image:\n  repository: registry.example.com/app-" + i + "\n", layers)));
        }
        return files;
    }
}
