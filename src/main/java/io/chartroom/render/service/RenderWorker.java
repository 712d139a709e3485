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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    private static final Path SHM = Path.of("/dev/shm");
    private static final String SCRATCH_PREFIX = "chartroom-render-";

    private final int index;
    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final String helmVersion;
    private final Path scratch;
    private final Path tmp;
    private volatile boolean busy;
    private volatile long deadline;
    private volatile Duration timeout;
    private volatile String stopped;

    private RenderWorker(int index, Process process, String helmVersion, DataOutputStream out, DataInputStream in, Path scratch,
                         Path tmp) {
        this.scratch = scratch;
        this.tmp = tmp;
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
        Path scratch = scratch(tmp);
        command.add("-D" + RenderWorkerMain.SCRATCH + "=" + scratch);
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
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            deleteScratch(scratch, tmp);
            throw e;
        }
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        try {
            WorkerProtocol.Response ready = WorkerProtocol.readResponse(in);
            return new RenderWorker(index, process, ready.output(), out, in, scratch, tmp);
        } catch (IOException e) {
            process.destroyForcibly();
            deleteScratch(scratch, tmp);
            throw new IOException("render worker " + index + " did not start (see " + directory.resolve("worker.log") + ")", e);
        }
    }

    /**
     * Where the worker writes the values of each render: a private directory in memory (/dev/shm) where there
     * is one, so that values with resolved secrets never reach a disk and writing them costs no disk I/O;
     * else the worker's own temporary directory.
     */
    private static Path scratch(Path fallback) throws IOException {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            try {
                // named after this JVM, so that a later one can tell what a killed one left behind
                return Files.createTempDirectory(SHM, SCRATCH_PREFIX + ProcessHandle.current().pid() + "-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException | UnsupportedOperationException e) {
                // a /dev/shm that cannot be used: the disk then
            }
        }
        return fallback;
    }

    /** Removes the scratch directories of portals that are gone (killed before they could clean up). */
    static void removeStaleScratch() {
        if (!Files.isDirectory(SHM)) {
            return;
        }
        try (var entries = Files.list(SHM)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().startsWith(SCRATCH_PREFIX)).toList()) {
                String rest = dir.getFileName().toString().substring(SCRATCH_PREFIX.length());
                String pid = rest.contains("-") ? rest.substring(0, rest.indexOf('-')) : "";
                if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    deleteTree(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // someone else's, or gone meanwhile: not ours to worry about
        }
    }

    private static void deleteScratch(Path scratch, Path fallback) {
        if (!scratch.equals(fallback)) {
            try {
                deleteTree(scratch);
            } catch (IOException ignored) {
                // a file left in memory, emptied after its render
            }
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

    /**
     * Sends one request and waits for the answer. The limits are enforced by {@link #watch}, which the service's
     * watchdog calls for every worker: nothing is scheduled per request.
     */
    WorkerProtocol.Response call(WorkerProtocol.Request request, Duration timeout) throws StoppedException, IOException {
        stopped = null;
        this.timeout = timeout;
        deadline = System.nanoTime() + timeout.toNanos();
        busy = true;
        try {
            WorkerProtocol.writeRequest(out, request);
            return WorkerProtocol.readResponse(in);
        } catch (IOException e) {
            if (stopped != null) {
                throw new StoppedException(stopped);
            }
            throw new IOException("render worker " + index + " stopped unexpectedly (exit " + exitCode() + ")", e);
        } finally {
            busy = false;
        }
    }

    /** Stops the worker when the request it is on has run over its time or the worker over its memory. */
    void watch(long maxResidentBytes) {
        if (!busy) {
            return;
        }
        if (System.nanoTime() > deadline) {
            stop("did not finish within " + timeout.toSeconds() + " s (a template that loops, or a very large output?)");
        } else if (residentBytes() > maxResidentBytes) {
            stop("used more than " + maxResidentBytes / (1024 * 1024) + " MB of memory");
        }
    }

    private void stop(String why) {
        if (stopped == null) {
            stopped = why;
        }
        process.destroyForcibly();
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
        deleteScratch(scratch, tmp);
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
