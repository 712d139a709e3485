package io.chartroom.catalog.service;

import io.chartroom.catalog.domain.RepositorySync;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Tells whoever listens (the repositories view, through Vaadin push) how running syncs progress and how they
 * ended. Progress is sent at most every 200 ms per sync; the end always.
 */
@Component
public class SyncProgressBroadcaster {

    /** What listeners hear: progress of a running sync, or the finished sync. */
    public sealed interface Update permits Running, Finished {}

    public record Running(SyncProgress progress) implements Update {}

    public record Finished(RepositorySync sync) implements Update {}

    private final Set<Consumer<Update>> listeners = ConcurrentHashMap.newKeySet();
    private final Map<Long, SyncProgress> running = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastSent = new ConcurrentHashMap<>();

    /** Subscribes; run the returned Runnable to unsubscribe. */
    public Runnable subscribe(Consumer<Update> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public Optional<SyncProgress> running(long repositoryId) {
        return Optional.ofNullable(running.get(repositoryId));
    }

    void progress(SyncProgress progress) {
        running.put(progress.repositoryId(), progress);
        long now = System.nanoTime();
        Long last = lastSent.get(progress.syncId());
        if (last != null && now - last < 200_000_000L && progress.phase() != SyncProgress.Phase.STARTING) {
            return;
        }
        lastSent.put(progress.syncId(), now);
        send(new Running(progress));
    }

    void finished(RepositorySync sync) {
        running.remove(sync.repositoryId());
        lastSent.remove(sync.id());
        send(new Finished(sync));
    }

    private void send(Update update) {
        for (Consumer<Update> listener : listeners) {
            try {
                listener.accept(update);
            } catch (RuntimeException e) {
                listeners.remove(listener); // a view that went away
            }
        }
    }
}
