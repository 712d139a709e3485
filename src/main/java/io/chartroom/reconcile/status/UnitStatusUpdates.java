package io.chartroom.reconcile.status;

import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.base.database.ReplicaNotifications;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Tells open views that a unit's status changed, so they refresh through Vaadin push: this instance's at once, the
 * other instances' (whose views show the same status rows) through {@link ReplicaNotifications}.
 */
@Component
public class UnitStatusUpdates {

    static final String KIND = "unit_status";

    private final Set<Consumer<UnitKey>> listeners = ConcurrentHashMap.newKeySet();
    private final ReplicaNotifications replicas;

    public UnitStatusUpdates(ReplicaNotifications replicas) {
        this.replicas = replicas;
        replicas.subscribe(KIND, key -> {
            String[] parts = key.split("\t", 3);
            if (parts.length == 3) {
                tell(new UnitKey(parts[0], parts[1], parts[2]));
            }
        });
    }

    public Runnable listen(Consumer<UnitKey> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void changed(UnitKey key) {
        tell(key);
        replicas.publish(KIND, key.release() + "\t" + key.environment() + "\t" + key.cluster());
    }

    private void tell(UnitKey key) {
        listeners.forEach(l -> l.accept(key));
    }
}
