package io.chartroom.notifications.service;

import io.chartroom.notifications.domain.NotificationKind;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.service.ReleaseStatusService;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import io.chartroom.security.service.SystemActor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A release that turns degraded on a cluster: told once per turn (a unit that was healthy or progressing and is
 * degraded now), not on every status update while it stays so. A unit first seen degraded after a restart is not
 * told again.
 */
@Component
class DegradedWatch {

    private final UnitStatusUpdates updates;
    private final ReleaseStatusService statuses;
    private final NoticeTriggers triggers;
    private final SystemActor system;
    private final Map<UnitKey, HealthState> last = new ConcurrentHashMap<>();
    /** Units changed and not yet looked at: the reconciler's thread only adds to it; one worker reads their status. */
    private final java.util.Set<UnitKey> pending = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("degraded-watch").daemon().factory());
    private Runnable unsubscribe = () -> { };

    DegradedWatch(UnitStatusUpdates updates, ReleaseStatusService statuses, NoticeTriggers triggers, SystemActor system) {
        this.updates = updates;
        this.statuses = statuses;
        this.triggers = triggers;
        this.system = system;
    }

    @PostConstruct
    void start() {
        unsubscribe = updates.listen(key -> {
            if (pending.add(key)) {
                worker.submit(() -> {
                    pending.remove(key);
                    look(key);
                });
            }
        });
    }

    private void look(UnitKey key) {
        UnitStatus status = system.call(() -> statuses.units(key.release()).stream().filter(s -> s.key().equals(key)).findFirst().orElse(null));
        if (status == null) {
            last.remove(key);
            return;
        }
        HealthState before = last.put(key, status.health());
        if (status.health() == HealthState.DEGRADED && before != null && before != HealthState.DEGRADED) {
            triggers.unitNotice(NotificationKind.UNIT_DEGRADED, key, key.release() + " is degraded on " + key.cluster() + " (" + key.environment() + ")"
                    + (status.message() == null || status.message().isBlank() ? "" : ": " + status.message()));
        }
    }

    @PreDestroy
    void stop() {
        unsubscribe.run();
        worker.shutdownNow();
    }
}
