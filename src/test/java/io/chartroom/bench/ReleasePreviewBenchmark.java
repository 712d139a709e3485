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

    static final int WARM_UP = 30;
    static final int RUNS = 200;

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

        // the render step alone: the same three templates through the workers, one after another, no cache
        List<Double> workerTemplates = new ArrayList<>();
        String key = as.call("developer", () -> catalog.prepare(versionId)).key();
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            String base = "image:\n  repository: ghcr.io/acme/shop\npodAnnotations:\n  iteration: \"w" + i + "\"\n";
            long t0 = System.nanoTime();
            for (String env : envs) {
                String values = ValuesYaml.dump(ValuesTree.layer(ValuesYaml.parse(base, "base"), ValuesYaml.parse(overrides.get(env), env)));
                RenderService.Outcome outcome = render.template(new RenderService.Job(chart, key, "bench-web", "shop", "v1.31.2", values));
                assertThat(outcome.cached()).isFalse();
                assertThat(outcome.manifest()).contains("kind: Deployment");
            }
            if (i >= WARM_UP) {
                workerTemplates.add((double) (System.nanoTime() - t0));
            }
        }

        // the same three renders with helm-java in this JVM: values files written, template called
        List<Double> bare = new ArrayList<>();
        List<Double> bareWithLint = new ArrayList<>();
        Map<String, Object> defaults = ValuesYaml.parse(Files.readString(chart.resolve("values.yaml")), "values.yaml");
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            String base = "image:\n  repository: ghcr.io/acme/shop\npodAnnotations:\n  iteration: \"x" + i + "\"\n";
            long t0 = System.nanoTime();
            for (String env : envs) {
                Path values = tmp.resolve("values-" + env + ".yaml");
                Files.writeString(values, ValuesYaml.dump(ValuesTree.layer(ValuesYaml.parse(base, "base"), ValuesYaml.parse(overrides.get(env), env))));
                String manifest = new Helm(chart).template().withName("bench-web").withNamespace("shop")
                        .withKubeVersion("v1.31.2").withValuesFile(values).call();
                assertThat(manifest).contains("kind: Deployment");
            }
            long t1 = System.nanoTime();
            for (String env : envs) {
                Path lintCopy = tmp.resolve("lint-" + env);
                copyChart(chart, lintCopy, ValuesYaml.dump(ValuesTree.effective(defaults,
                        ValuesTree.layer(ValuesYaml.parse(base, "base"), ValuesYaml.parse(overrides.get(env), env)))));
                assertThat(new Helm(lintCopy).lint().call().isFailed()).isFalse();
            }
            long t2 = System.nanoTime();
            if (i >= WARM_UP) {
                bare.add((double) (t1 - t0));
                bareWithLint.add((double) (t2 - t0));
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
        BenchReport.record("- Chartroom's render pipeline, the same 3 templates through the render workers one after another: p50 "
                + BenchReport.ms(workerP50) + ", p95 " + BenchReport.ms(BenchReport.percentile(workerTemplates, 95))
                + String.format("; pipeline / bare helm-java template: %.2fx at p50 (goal: under 1.3x)", workerP50 / bareP50));
        double withLintP50 = BenchReport.percentile(bareWithLint, 50);
        BenchReport.record("- bare helm-java template + lint of the same inputs, sequential (the same work as the preview): p50 "
                + BenchReport.ms(withLintP50) + ", p95 " + BenchReport.ms(BenchReport.percentile(bareWithLint, 95))
                + String.format("; the whole preview / that: %.2fx at p50", missP50 / withLintP50));
        BenchReport.verdict("Release preview, values changed every run, p95", BenchReport.ms(missP95), RUNS + " runs, p50 " + BenchReport.ms(missP50),
                "p95 < 50 ms", missP95 < 50e6);
        BenchReport.verdict("Render pipeline / bare helm-java template, p50", String.format("%.2fx", workerP50 / bareP50),
                "one p50 over another, not alternated", "< 1.3x", workerP50 / bareP50 < 1.3);
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
