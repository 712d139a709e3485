package io.chartroom.changes.service;

import io.chartroom.base.database.ReplicaNotifications;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/**
 * Tells open views that a change request changed (approved, merged, new commit), so that they refresh
 * through Vaadin push: this instance's views at once, the other instances' through {@link ReplicaNotifications}.
 */
@Component
public class ChangeRequestUpdates {

    static final String KIND = "change_request";

    private final Set<LongConsumer> listeners = ConcurrentHashMap.newKeySet();
    private final ReplicaNotifications replicas;

    ChangeRequestUpdates(ReplicaNotifications replicas) {
        this.replicas = replicas;
        replicas.subscribe(KIND, id -> tell(Long.parseLong(id)));
    }

    /** Registers a listener (called with the change request's id, from the thread that changed it); returns its removal. */
    public Runnable listen(LongConsumer listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void changed(long changeRequestId) {
        tell(changeRequestId);
        replicas.publish(KIND, String.valueOf(changeRequestId));
    }

    private void tell(long changeRequestId) {
        listeners.forEach(l -> l.accept(changeRequestId));
    }

}
