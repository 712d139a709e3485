package io.chartroom.render.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The render worker JVMs: at most {@code settings.workers()} of them, started on demand (or ahead, see
 * {@link #prestart}), handed out one per render and taken back, replaced when one dies or is stopped. A
 * watchdog looks at every live worker 20 times a second and stops one that uses too much memory.
 */
final class RenderWorkerPool {

    private static final Logger log = LoggerFactory.getLogger(RenderWorkerPool.class);

    private final RenderSettings settings;
    private final Path directory;
    private final Path kubeconfig;
    /** Idle workers, the one used last first: it is the warmest (CPU caches, the Go heap). */
    private final BlockingDeque<RenderWorker> idle = new LinkedBlockingDeque<>();
    private final AtomicInteger started = new AtomicInteger();
    /** Worker slots in use: each slot has its own directory, which a new worker of that slot cleans first. */
    private final BitSet slots = new BitSet();
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("render-watchdog").daemon().factory());
    /** Every live worker, idle or busy, for the watchdog. */
    private final Set<RenderWorker> live = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** Workers live in {@code directory}/worker-N and reach only the stub API of {@code kubeconfig}. */
    RenderWorkerPool(RenderSettings settings, Path directory, Path kubeconfig) {
        this.settings = settings;
        this.directory = directory;
        this.kubeconfig = kubeconfig;
        RenderWorker.removeStaleScratch();
        long maxResident = settings.maxMemory().toBytes();
        watchdog.scheduleWithFixedDelay(() -> live.forEach(w -> {
            try {
                w.watch(maxResident);
            } catch (RuntimeException e) {
                log.warn("Render watchdog: {}", e.getMessage()); // the next round looks again
            }
        }), 50, 50, TimeUnit.MILLISECONDS);
    }

    /** Starts all workers in the background, so the first renders do not wait for a JVM. */
    void prestart() {
        Thread.ofPlatform().name("render-prestart").daemon().start(() -> {
            for (int i = 0; i < settings.workers(); i++) {
                RenderWorker worker = startWorker();
                if (worker != null) {
                    idle.add(worker);
                }
            }
        });
    }

    /** An idle worker, a new one while the pool is not full, else the next one released; null when none can start. */
    @Nullable RenderWorker acquire() {
        RenderWorker worker = idle.pollFirst();
        while (worker == null && !stopping) {
            if (started.get() < settings.workers()) {
                worker = startWorker();
                if (worker == null && started.get() < settings.workers()) {
                    return null; // it failed to start, rather than lost a race for the last slot
                }
            } else {
                try {
                    worker = idle.pollFirst(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return worker;
    }

    /** Takes a worker back: idle again if {@code keep} and it is alive, else closed and its slot freed. */
    void release(RenderWorker worker, boolean keep) {
        if (keep && worker.alive() && !stopping) {
            idle.addFirst(worker);
        } else {
            live.remove(worker);
            worker.close();
            freeSlot(worker.index());
            started.decrementAndGet();
        }
    }

    /** Where a worker that did not start says why. */
    String logs() {
        return directory + "/worker-*/worker.log";
    }

    private @Nullable RenderWorker startWorker() {
        if (started.incrementAndGet() > settings.workers() || stopping) {
            started.decrementAndGet();
            return null;
        }
        int index;
        synchronized (slots) {
            index = slots.nextClearBit(0);
            slots.set(index);
        }
        try {
            long t0 = System.nanoTime();
            RenderWorker worker = RenderWorker.start(index, directory.resolve("worker-" + index), kubeconfig, settings);
            synchronized (live) {
                if (!stopping) {
                    live.add(worker);
                    log.info("Render worker {} started in {} ms (Helm {})", index, (System.nanoTime() - t0) / 1_000_000, worker.helmVersion());
                    return worker;
                }
            }
            // the service stopped while this worker started
            worker.close();
            started.decrementAndGet();
            freeSlot(index);
            return null;
        } catch (IOException e) {
            started.decrementAndGet();
            freeSlot(index);
            log.error("Render worker {} did not start: {}", index, e.getMessage());
            return null;
        }
    }

    private void freeSlot(int index) {
        synchronized (slots) {
            slots.clear(index);
        }
    }

    /** Closes every worker, busy ones too: their callers get an error instead of a worker that outlives the service. */
    void stop() {
        List<RenderWorker> all;
        synchronized (live) {
            stopping = true;
            all = List.copyOf(live);
            live.clear();
        }
        idle.clear();
        all.forEach(RenderWorker::close);
        watchdog.shutdownNow();
    }
}
