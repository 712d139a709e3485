package io.chartroom.changes.service;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/**
 * Tells open views that a change request changed (approved, merged, new commit), so that they refresh
 * through Vaadin push. In-process: each portal instance tells its own views.
 */
@Component
public class ChangeRequestUpdates {

    private final Set<LongConsumer> listeners = ConcurrentHashMap.newKeySet();

    /** Registers a listener (called with the change request's id, from the thread that changed it); returns its removal. */
    public Runnable listen(LongConsumer listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void changed(long changeRequestId) {
        listeners.forEach(l -> l.accept(changeRequestId));
    }

}
