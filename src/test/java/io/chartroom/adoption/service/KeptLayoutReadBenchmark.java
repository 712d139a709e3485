package io.chartroom.adoption.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.adoption.domain.KeptHelmfileLayout;
import io.chartroom.bench.BenchReport;
import io.chartroom.bench.HelmfileConversionBenchmark;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.gitops.domain.CommitAuthor;
import io.chartroom.gitops.service.GitOpsRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 20, item 4a: what a kept helmfile layout costs each time main moves: the commit read the helmfile way and
 * written as Chartroom's releases and environments (the derived commit's files), for 200 releases x 3 environments.
 * Each run's values differ, so that no run reads what the one before read.
 */
@IntegrationTest
@Tag("bench")
class KeptLayoutReadBenchmark {

    @Autowired GitOpsRepository gitops;
    @Autowired KeptHelmfileReading reading;
    @LocalServerPort int port;

    @Test
    void twoHundredReleasesInThreeEnvironmentsReadAsTheKeptLayout() {
        new ChangeRequests(new ApiClient(port)).awaitSamples();
        String url = "http://127.0.0.1:" + port + "/samples/charts/";
        KeptHelmfileLayout kept = new KeptHelmfileLayout("payments", Map.of(), HelmfileConversionBenchmark.ENVIRONMENTS.stream()
                .map(e -> new KeptHelmfileLayout.Environment(e, "env=" + e, "1.31")).toList(), "bench", Instant.now());
        List<Double> runs = new ArrayList<>();
        Map<String, String> files = Map.of();
        for (int run = 0; run < 3; run++) {
            // a commit beside main, never on it
            String commit = gitops.commit(null, HelmfileConversionBenchmark.helmfileRepository(url, run), CommitAuthor.user("bench"), "run " + run);
            long t0 = System.nanoTime();
            files = reading.files(commit, kept);
            runs.add((double) (System.nanoTime() - t0));
        }
        assertThat(files.keySet().stream().filter(p -> p.matches("releases/app-\\d+/helmfile\\.yaml(\\.gotmpl)?"))).hasSize(HelmfileConversionBenchmark.RELEASES);
        assertThat(files.get("releases/app-7/values/app-7--production.yaml")).contains("replicaCount: 3");
        assertThat(files.get("releases/app-7/values/app-7.yaml")).as("the same in every environment: the shared layer").contains("run:");
        double median = BenchReport.percentile(runs, 50);
        BenchReport.record("### A kept helmfile layout read as releases (" + java.time.LocalDate.now() + ")");
        BenchReport.record(String.format("- %d releases x 3 environments, read the helmfile way and written as Chartroom's releases and "
                        + "environments (each time main moves), 3 runs with fresh values: median %s (%s to %s) (goal, as a read: under 30 s: %s)",
                HelmfileConversionBenchmark.RELEASES, BenchReport.ms(median), BenchReport.ms(BenchReport.percentile(runs, 0)),
                BenchReport.ms(BenchReport.percentile(runs, 100)), median < 30e9 ? "holds" : "does not hold"));
        BenchReport.verdict("Kept helmfile layout read, 200 releases x 3 environments", BenchReport.ms(median), BenchReport.range(runs) + ", 3 runs",
                "< 30 s", median < 30e9);
        BenchReport.record("");
    }
}
