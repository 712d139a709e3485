package io.chartroom.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.base.settings.DataDirectory;
import io.chartroom.render.service.RenderService;
import io.chartroom.render.service.RenderSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Rendering in worker JVMs: faithful, isolated from every cluster, bounded in time and memory. */
class RenderServiceTest {

    static RenderService render;
    static Path data;
    static final Path CHARTS = Path.of("src/test/resources/charts");

    @BeforeAll
    static void start() {
        render = new RenderService(new RenderSettings(1, Duration.ofSeconds(8), DataSize.ofMegabytes(900), DataSize.ofMegabytes(128), false),
                new DataDirectory(data = Path.of("target/test-data/render-" + System.nanoTime())));
    }

    @AfterAll
    static void stop() throws Exception {
        var stop = RenderService.class.getDeclaredMethod("stop");
        stop.setAccessible(true);
        stop.invoke(render);
    }

    static RenderService.Job job(String chart, String kubeVersion, String values) {
        return new RenderService.Job(CHARTS.resolve(chart).toAbsolutePath(), chart + "-test", "demo", "team-a", kubeVersion, values);
    }

    @Test
    void lookupFindsNothingAndNoClusterAddressIsContacted() throws Exception {
        // what helm-java would dial without the stub: the kubeconfig default (localhost:8080) and a typical API port
        try (Listener http = new Listener(8080); Listener https = new Listener(6443)) {
            long stubBefore = render.stubRequests();
            RenderService.Outcome outcome = render.template(job("lookup-secret", "1.31", ""));
            assertThat(outcome.ok()).as(outcome.error()).isTrue();
            assertThat(outcome.manifest()).contains("found: \"no\"").contains("password: \"generated\"");
            assertThat(render.stubRequests()).as("the lookup went to the stub").isGreaterThan(stubBefore);
            assertThat(http.accepted.get() + https.accepted.get()).as("connections to cluster addresses").isZero();
        }
    }

    @Test
    void theTargetKubernetesVersionDecidesKubeVersionConstraints() {
        RenderService.Outcome ok = render.template(job("kube-125", "1.31", ""));
        assertThat(ok.ok()).as(ok.error()).isTrue();
        assertThat(ok.manifest()).contains("kube: \"v1.31.0\"");
        RenderService.Outcome old = render.template(job("kube-125", "v1.20.4", ""));
        assertThat(old.ok()).isFalse();
        assertThat(old.error()).contains("kubeVersion").contains(">=1.25.0-0").contains("v1.20.4");
    }

    @Test
    void aChartThatRendersNothingGivesAnEmptyManifest() {
        RenderService.Outcome outcome = render.template(job("empty", "1.31", "enabled: false\n"));
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.manifest()).isEmpty();
        assertThat(render.template(job("empty", "1.31", "enabled: true\n")).manifest()).contains("kind: ConfigMap");
    }

    @Test
    void templateErrorsNameTheTemplateFileAndLine() {
        RenderService.Outcome outcome = render.template(job("broken", "1.31", ""));
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).contains("broken/templates/deployment.yaml:10");
    }

    @Test
    void aRunawayTemplateIsStoppedAndTheNextRenderStillWorks() {
        RenderService.Outcome outcome = render.template(job("loops", "1.31", ""));
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).contains("was stopped").containsAnyOf("did not finish within 8 s", "memory");
        RenderService.Outcome next = render.template(job("empty", "1.31", "enabled: true\nx: 1\n"));
        assertThat(next.ok()).as(next.error()).isTrue();
    }

    @Test
    void repeatedRendersAreServedFromTheCache() {
        RenderService.Outcome first = render.template(job("kube-125", "1.31", "a: 1\n"));
        RenderService.Outcome second = render.template(job("kube-125", "1.31", "a: 1\n"));
        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.manifest()).isEqualTo(first.manifest());
    }

    @Test
    void theSameRenderAskedForManyTimesAtOnceRendersOnce() throws Exception {
        RenderService.Job job = job("kube-125", "1.31", "concurrent: " + System.nanoTime() + "\n");
        List<RenderService.Outcome> outcomes;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RenderService.Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> render.template(job)));
            }
            outcomes = new ArrayList<>();
            for (Future<RenderService.Outcome> f : futures) {
                outcomes.add(f.get());
            }
        }
        assertThat(outcomes).allSatisfy(o -> assertThat(o.ok()).as(o.error()).isTrue());
        assertThat(outcomes.stream().filter(o -> !o.cached()).count()).as("renders that reached a worker").isEqualTo(1);
        assertThat(outcomes.stream().map(RenderService.Outcome::manifest).distinct()).hasSize(1);
    }

    @Test
    void valuesWithResolvedSecretsAreNotLeftInAnyFileAfterTheRender() throws IOException {
        String secret = "s3cr3t-" + System.nanoTime();
        RenderService.Job job = new RenderService.Job(CHARTS.resolve("empty").toAbsolutePath(), "empty-test", "demo", "team-a", "1.31",
                "enabled: true\npassword: " + secret + "\n", false);
        assertThat(render.template(job).ok()).isTrue();
        List<Path> places = new ArrayList<>(List.of(data));
        try (var shm = Files.list(Path.of("/dev/shm"))) {
            shm.filter(p -> p.getFileName().toString().startsWith("chartroom-render-")).forEach(places::add);
        } catch (IOException noShm) {
            // not Linux: the worker's own directory is the only place
        }
        for (Path place : places) {
            try (var files = Files.walk(place)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    // Latin-1 reads any bytes (worker logs, the unpacked native library) without failing to decode
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void scratchDirectoriesLeftByAPortalThatWasKilledAreRemovedAtStart() throws Exception {
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm), "no /dev/shm here: values go to the worker's own directory");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.createDirectories(shm.resolve("chartroom-render-" + gone.pid() + "-1234"));
        Files.writeString(stale.resolve("values.yaml"), "");
        Path mine = Files.createDirectories(shm.resolve("chartroom-render-" + ProcessHandle.current().pid() + "-5678"));
        try {
            RenderService another = new RenderService(new RenderSettings(1, Duration.ofSeconds(8), DataSize.ofMegabytes(900),
                    DataSize.ofMegabytes(128), false), new DataDirectory(Path.of("target/test-data/render-" + System.nanoTime())));
            assertThat(stale).as("left by a process that is gone").doesNotExist();
            assertThat(mine).as("a live portal's").exists();
            var stop = RenderService.class.getDeclaredMethod("stop");
            stop.setAccessible(true);
            stop.invoke(another);
        } finally {
            Files.deleteIfExists(mine);
        }
    }

    /** Counts connections to an address a chart must never reach. */
    static final class Listener implements AutoCloseable {
        final AtomicInteger accepted = new AtomicInteger();
        private final ServerSocket socket;

        Listener(int port) throws IOException {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            Thread.ofPlatform().daemon().start(() -> {
                while (!socket.isClosed()) {
                    try (var s = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
