package io.chartroom.render.service;

import io.chartroom.render.worker.RenderWorkerMain;
import io.chartroom.render.worker.WorkerProtocol;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarFile;

/**
 * One render worker JVM (see {@link RenderWorkerMain}) and its pipes. A request that runs over its time or
 * whose worker grows beyond its memory limit gets the worker killed; the caller replaces it.
 */
final class RenderWorker implements AutoCloseable {

    /** Why a worker was stopped in the middle of a request. */
    static final class StoppedException extends Exception {
        StoppedException(String message) {
            super(message);
        }
    }

    private final int index;
    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final String helmVersion;

    private RenderWorker(int index, Process process, String helmVersion, DataOutputStream out, DataInputStream in) {
        this.index = index;
        this.process = process;
        this.helmVersion = helmVersion;
        this.out = out;
        this.in = in;
    }

    /** Starts a worker and waits until its Helm library is loaded. */
    static RenderWorker start(int index, Path directory, Path kubeconfig, RenderSettings settings) throws IOException {
        Path tmp = directory.resolve("tmp");
        deleteTree(tmp); // the native library each JVM unpacks, and leftovers of a killed worker
        Files.createDirectories(tmp);
        for (String d : List.of("home", "helm-cache", "helm-config", "helm-data")) {
            Files.createDirectories(directory.resolve(d));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.workerHeap().toMegabytes() + "m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmp));
        command.addAll(launchArguments());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.clear(); // no KUBERNETES_SERVICE_*, no cloud credentials, no HELM_* of the portal's own environment
        env.put("HOME", directory.resolve("home").toString());
        env.put("PATH", "/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("HELM_CACHE_HOME", directory.resolve("helm-cache").toString());
        env.put("HELM_CONFIG_HOME", directory.resolve("helm-config").toString());
        env.put("HELM_DATA_HOME", directory.resolve("helm-data").toString());
        env.put("GOMEMLIMIT", (settings.maxMemory().toMegabytes() * 3 / 4) + "MiB");
        builder.redirectError(ProcessBuilder.Redirect.appendTo(directory.resolve("worker.log").toFile()));
        Process process = builder.start();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        try {
            WorkerProtocol.Response ready = WorkerProtocol.read(in, WorkerProtocol.Response.class);
            return new RenderWorker(index, process, ready.output(), out, in);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new IOException("render worker " + index + " did not start (see " + directory.resolve("worker.log") + ")", e);
        }
    }

    /** The worker's main class, launched from the portal's classpath, or from inside its executable jar. */
    static List<String> launchArguments() {
        String classpath = System.getProperty("java.class.path");
        if (!classpath.contains(File.pathSeparator) && classpath.endsWith(".jar") && isExecutableJar(classpath)) {
            return List.of("-cp", classpath, "-Dloader.main=" + RenderWorkerMain.class.getName(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher");
        }
        return List.of("-cp", classpath, RenderWorkerMain.class.getName());
    }

    private static boolean isExecutableJar(String jar) {
        try (JarFile file = new JarFile(jar)) {
            return file.getEntry("BOOT-INF/") != null || file.getEntry("BOOT-INF/classes/") != null;
        } catch (IOException e) {
            return false;
        }
    }

    int index() {
        return index;
    }

    String helmVersion() {
        return helmVersion;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Sends one request and waits for the answer, within the time and memory limits. */
    WorkerProtocol.Response call(WorkerProtocol.Request request, Duration timeout, long maxResidentBytes,
                                 ScheduledExecutorService watchdog) throws StoppedException, IOException {
        AtomicReference<String> stopped = new AtomicReference<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        ScheduledFuture<?> dog = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() > deadline) {
                stopped.compareAndSet(null, "did not finish within " + timeout.toSeconds() + " s (a template that loops, or a very large output?)");
                process.destroyForcibly();
            } else if (residentBytes() > maxResidentBytes) {
                stopped.compareAndSet(null, "used more than " + maxResidentBytes / (1024 * 1024) + " MB of memory");
                process.destroyForcibly();
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
        try {
            WorkerProtocol.write(out, request);
            return WorkerProtocol.read(in, WorkerProtocol.Response.class);
        } catch (IOException e) {
            if (stopped.get() != null) {
                throw new StoppedException(stopped.get());
            }
            throw new IOException("render worker " + index + " stopped unexpectedly (exit " + exitCode() + ")", e);
        } finally {
            dog.cancel(false);
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The worker's resident memory, from /proc (0 where that does not exist). */
    long residentBytes() {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux, or the process just ended
        }
        return 0;
    }

    /** Closing stdin ends the worker; the Go runtime in it ignores SIGTERM, so wait briefly, then kill. */
    @Override
    public void close() {
        try {
            out.close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
