package io.chartroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Small helpers for the benchmarks: percentiles, peak heap, and a results file under target/bench. */
public final class BenchReport {

    private BenchReport() {}

    public static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Starts measuring the heap's peak from now: garbage collection, then peak counters reset. */
    public static void resetPeakHeap() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The highest heap use since the last reset, in MB (sum of the pools' peaks: an upper bound). */
    public static long peakHeapMb() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }

    public static long usedHeapMb() {
        System.gc();
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum() / (1024 * 1024);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    /**
     * Records the heap in use right after each garbage collection while it runs: the most the JVM kept alive,
     * which is what a sync holds, unlike the peak of used heap that also counts garbage not yet collected.
     */
    public static final class LiveHeapWatcher implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicLong maxLive = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicInteger collections = new java.util.concurrent.atomic.AtomicInteger();
        private final List<Runnable> removals = new java.util.ArrayList<>();

        public LiveHeapWatcher() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                var emitter = (javax.management.NotificationEmitter) gc;
                javax.management.NotificationListener listener = (notification, handback) -> {
                    if (!notification.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) notification.getUserData());
                    long live = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> heapPools().stream().anyMatch(p -> p.getName().equals(e.getKey())))
                            .mapToLong(e -> e.getValue().getUsed()).sum();
                    maxLive.accumulateAndGet(live, Math::max);
                    collections.incrementAndGet();
                };
                emitter.addNotificationListener(listener, null, null);
                removals.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
        }

        public long maxLiveMb() {
            return maxLive.get() / (1024 * 1024);
        }

        public int collections() {
            return collections.get();
        }

        @Override
        public void close() {
            removals.forEach(Runnable::run);
        }
    }

    /** Appends a line to target/bench/results.md and prints it. */
    public static void record(String line) {
        System.out.println("[bench] " + line);
        try {
            Path file = Path.of("target", "bench", "results.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One row of the table every benchmark run ends with (target/bench/verdicts.md; {@code bench/run} prints it):
     * the measure, its figure, the spread it came with, the goal as its issue states it, and whether it holds.
     */
    public static void verdict(String measure, String figure, String spread, String goal, boolean holds) {
        try {
            Path file = Path.of("target", "bench", "verdicts.md");
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, "| Measure | Figure | Spread | Goal | Holds |\n|---|---|---|---|---|\n");
            }
            Files.writeString(file, String.join(" | ", "| " + measure, figure, spread, goal, holds ? "yes" : "**no**") + " |\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "a to b" of a list of nanosecond samples. */
    public static String range(List<Double> nanos) {
        return ms(percentile(nanos, 0)) + " to " + ms(percentile(nanos, 100));
    }

    public static String ms(double nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }
}
