package io.chartroom.reconcile.status;

import io.chartroom.reconcile.domain.UnitKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/** Tells open views that a unit's status changed, so they refresh through Vaadin push. */
@Component
public class UnitStatusUpdates {

    private final Set<Consumer<UnitKey>> listeners = ConcurrentHashMap.newKeySet();

    public Runnable listen(Consumer<UnitKey> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void changed(UnitKey key) {
        listeners.forEach(l -> l.accept(key));
    }
}
