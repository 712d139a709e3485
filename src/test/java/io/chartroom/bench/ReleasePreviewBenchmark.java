package io.chartroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.AsUser;
import io.chartroom.render.service.RenderService;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.catalog.domain.ChartStore;
import java.time.Duration;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.service.RenderedTarget;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Issue 4's benchmark: the preview of the sample web chart for three environments (check + render + lint per
 * environment), warm, with values that change every time (no cache) and unchanged (cache); next to it, the
 * bare helm-java template call of the same three inputs in this JVM, and helm-java's template + lint.
 */
@IntegrationTest
@Tag("bench")
class ReleasePreviewBenchmark {

    /** Enough for a JVM of its own (the bench profile gives each benchmark one) to have compiled the preview's code. */
    static final int WARM_UP = 300;
    static final int RUNS = 200;
    /** Alternated rounds of the render pipeline against bare helm-java, each side {@link #PER_ROUND} runs a round. */
    static final int ROUNDS = 7;
    static final int PER_ROUND = 30;

    @Autowired ReleaseDraftService drafts;
    @Autowired CatalogService catalog;
    @Autowired EnvironmentService environments;
    @Autowired RenderService render;
    @Autowired ObjectProvider<SecurityContextHolderStrategy> security;
    @TempDir Path tmp;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

    @Test
    void previewThreeEnvironments() throws Exception {
        AsUser as = new AsUser(security);
        io.chartroom.fixtures.ApiClient api = new io.chartroom.fixtures.ApiClient(port);
        Environments.create(api, Map.of("name", "staging", "position", 1, "description", "bench", "clusterSelector", "env=dev", "kubeVersion", "1.31"));
        // the bundled samples sync in the background after startup
        long versionId = Poll.until(Duration.ofSeconds(60), () -> as.call("developer", () -> catalog.search(new ChartStore.Query("web-service", null, null), 0, 1)
                .isEmpty() ? -1L : catalog.versions(catalog.chart("chartroom-samples", "web-service")).stream()
                .filter(v -> v.version().equals("1.2.0")).findFirst().map(v -> v.id()).orElse(-1L)), id -> id > 0);
        Path chart = as.call("developer", () -> catalog.prepare(versionId)).directory();
        List<String> envs = List.of("dev", "staging", "production");
        Map<String, String> overrides = Map.of("dev", "", "staging", "replicaCount: 3\n",
                "production", "replicaCount: 5\nautoscaling:\n  enabled: true\n");

        List<Double> miss = new ArrayList<>();
        List<Double> hit = new ArrayList<>();
        List<Double> checks = new ArrayList<>();
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            ReleaseDraft draft = new ReleaseDraft("bench-web", "shop", "payments", versionId, envs,
                    "image:\n  repository: ghcr.io/acme/shop\npodAnnotations:\n  iteration: \"" + i + "\"\n", overrides);
            long t0 = System.nanoTime();
            as.call("developer", () -> preview(draft, envs));
            long t1 = System.nanoTime();
            as.call("developer", () -> preview(draft, envs));
            long t2 = System.nanoTime();
            as.call("developer", () -> drafts.check(draft, null));
            long t3 = System.nanoTime();
            if (i >= WARM_UP) {
                miss.add((double) (t1 - t0));
                hit.add((double) (t2 - t1));
                checks.add((double) (t3 - t2));
            }
        }

        // the render step alone against bare helm-java, alternated: rounds of the pipeline (the same three templates
        // through the workers, one after another, no cache) and of helm-java in this JVM (values file written to
        // /dev/shm as the workers do, template called, one after another), the order swapped every round; round 0 warms
        // both alike and is not counted
        String key = as.call("developer", () -> catalog.prepare(versionId)).key();
        Path shm = Files.isDirectory(Path.of("/dev/shm")) ? Files.createTempDirectory(Path.of("/dev/shm"), "bench-values") : tmp;
        Map<String, Object> defaults = ValuesYaml.parse(Files.readString(chart.resolve("values.yaml")), "values.yaml");
        List<Double> workerTemplates = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> bareWithLint = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        int[] serial = {0};
        for (int round = 0; round <= ROUNDS; round++) {
            List<Double> pipelineRound = new ArrayList<>();
            List<Double> bareRound = new ArrayList<>();
            for (int side = 0; side < 2; side++) {
                boolean pipeline = (side == 0) == (round % 2 == 0);
                for (int i = 0; i < PER_ROUND; i++) {
                    String base = "image:\n  repository: ghcr.io/acme/shop\npodAnnotations:\n  iteration: \"r" + serial[0]++ + "\"\n";
                    long t0 = System.nanoTime();
                    for (String env : envs) {
                        String values = ValuesYaml.dump(ValuesTree.layer(ValuesYaml.parse(base, "base"), ValuesYaml.parse(overrides.get(env), env)));
                        if (pipeline) {
                            RenderService.Outcome outcome = render.template(new RenderService.Job(chart, key, "bench-web", "shop", "v1.31.2", values));
                            assertThat(outcome.cached()).isFalse();
                            assertThat(outcome.manifest()).contains("kind: Deployment");
                        } else {
                            Path file = shm.resolve("values-" + env + ".yaml");
                            Files.writeString(file, values);
                            assertThat(new Helm(chart).template().withName("bench-web").withNamespace("shop").withKubeVersion("v1.31.2")
                                    .withValuesFile(file).call()).contains("kind: Deployment");
                        }
                    }
                    long t1 = System.nanoTime();
                    (pipeline ? pipelineRound : bareRound).add((double) (t1 - t0));
                    if (!pipeline && round > 0) {
                        for (String env : envs) {
                            Path lintCopy = tmp.resolve("lint-" + env);
                            copyChart(chart, lintCopy, ValuesYaml.dump(ValuesTree.effective(defaults,
                                    ValuesTree.layer(ValuesYaml.parse(base, "base"), ValuesYaml.parse(overrides.get(env), env)))));
                            assertThat(new Helm(lintCopy).lint().call().isFailed()).isFalse();
                        }
                        bareWithLint.add((double) (System.nanoTime() - t0));
                    }
                }
            }
            if (round > 0) {
                workerTemplates.addAll(pipelineRound);
                bare.addAll(bareRound);
                ratios.add(BenchReport.percentile(pipelineRound, 50) / BenchReport.percentile(bareRound, 50));
            }
        }
        Environments.remove(api, "staging");

        double missP50 = BenchReport.percentile(miss, 50);
        double missP95 = BenchReport.percentile(miss, 95);
        double bareP50 = BenchReport.percentile(bare, 50);
        double bareP95 = BenchReport.percentile(bare, 95);
        BenchReport.record("### Release preview (" + java.time.LocalDate.now() + ")");
        BenchReport.record("- sample web-service chart, 3 environments, " + RUNS + " runs after " + WARM_UP + " warm-up runs; "
                + "a preview = check (YAML, schema, secrets) + render + helm lint per environment, in render workers");
        BenchReport.record("- Chartroom preview, values changed every run (no cache): p50 " + BenchReport.ms(missP50) + ", p95 "
                + BenchReport.ms(missP95) + " (goal: p95 under 50 ms)");
        BenchReport.record("- of which the check alone (names, YAML, schema per environment, secrets): p50 "
                + BenchReport.ms(BenchReport.percentile(checks, 50)) + ", p95 " + BenchReport.ms(BenchReport.percentile(checks, 95)));
        BenchReport.record("- Chartroom preview, unchanged values (cached renders): p50 " + BenchReport.ms(BenchReport.percentile(hit, 50))
                + ", p95 " + BenchReport.ms(BenchReport.percentile(hit, 95)));
        BenchReport.record("- bare helm-java template of the same 3 inputs in this JVM: p50 " + BenchReport.ms(bareP50) + ", p95 "
                + BenchReport.ms(bareP95));
        double workerP50 = BenchReport.percentile(workerTemplates, 50);
        double ratio = BenchReport.percentile(ratios, 50);
        String spread = String.format("median of %d alternated rounds (%d runs a side each), min-max %.2f-%.2fx", ROUNDS, PER_ROUND,
                java.util.Collections.min(ratios), java.util.Collections.max(ratios));
        BenchReport.record("- Chartroom's render pipeline, the same 3 templates through the render workers one after another: p50 "
                + BenchReport.ms(workerP50) + ", p95 " + BenchReport.ms(BenchReport.percentile(workerTemplates, 95))
                + String.format("; pipeline / bare helm-java template (values file in /dev/shm on both sides): %.2fx, %s (goal: under 1.3x)",
                ratio, spread));
        double withLintP50 = BenchReport.percentile(bareWithLint, 50);
        BenchReport.record("- bare helm-java template + lint of the same inputs, one environment after another (the preview renders and lints"
                + " its environments in parallel, in 2 workers): p50 " + BenchReport.ms(withLintP50) + ", p95 "
                + BenchReport.ms(BenchReport.percentile(bareWithLint, 95)) + String.format("; the whole preview / that: %.2fx at p50", missP50 / withLintP50));
        BenchReport.verdict("Release preview, values changed every run, p95", BenchReport.ms(missP95), RUNS + " runs, p50 " + BenchReport.ms(missP50),
                "p95 < 50 ms", missP95 < 50e6);
        BenchReport.verdict("Render pipeline / bare helm-java template", String.format("%.2fx", ratio), spread, "< 1.3x", ratio < 1.3);
        BenchReport.record("");
    }

    private int preview(ReleaseDraft draft, List<String> envs) {
        int objects = 0;
        for (RenderedTarget t : drafts.preview(draft, envs)) {
            assertThat(t.ok()).as(t.error()).isTrue();
            objects += t.objects().size();
        }
        assertThat(objects).isGreaterThanOrEqualTo(6);
        return objects;
    }

    private static void copyChart(Path from, Path to, String values) throws java.io.IOException {
        if (!Files.exists(to)) {
            try (var files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    Path target = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
        }
        Files.writeString(to.resolve("values.yaml"), values);
    }
}
