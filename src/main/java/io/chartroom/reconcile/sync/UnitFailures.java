package io.chartroom.reconcile.sync;

import io.chartroom.reconcile.cache.LiveReads;
import io.chartroom.reconcile.domain.ReconcileSettings;
import io.chartroom.reconcile.health.UnsettledObjects;
import io.chartroom.reconcile.status.ReconcileEvent;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import io.chartroom.reconcile.domain.FailureKind;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * A unit that failed: recorded (status, history and audit once per new message), what this replica remembers
 * of its cluster forgotten, and its next attempt set by the failure's kind: a passing fault after an
 * exponential back-off (2 s doubling to {@code max-backoff}), a permanent one or a conflict not by the clock.
 */
@Component
class UnitFailures {

    private final RecentNamespaces namespaces;
    private final LiveReads reads;
    private final UnsettledObjects unsettled;
    private final UnitStatusRepository statuses;
    private final ReconcileSettings settings;
    private final ApplicationEventPublisher events;
    private final UnitStatusUpdates updates;
    private final Clock clock;
    private final TransactionTemplate tx;

    UnitFailures(RecentNamespaces namespaces, LiveReads reads, UnsettledObjects unsettled, UnitStatusRepository statuses, ReconcileSettings settings,
                 ApplicationEventPublisher events, UnitStatusUpdates updates, Clock clock, TransactionTemplate tx) {
        this.namespaces = namespaces;
        this.reads = reads;
        this.unsettled = unsettled;
        this.statuses = statuses;
        this.settings = settings;
        this.events = events;
        this.updates = updates;
        this.clock = clock;
        this.tx = tx;
    }

    /** A failure of a passing kind: retried after the back-off. */
    void fail(UnitKey key, String revision, UnitStatus status, String message, long start) {
        fail(key, revision, status, message, start, FailureKind.TRANSIENT, null);
    }

    /** {@code inputs}: the fingerprint that failed, if it was known (then other inputs are tried at once). */
    void fail(UnitKey key, String revision, UnitStatus status, String reason, long start, FailureKind kind, String inputs) {
        String message = kind.retried() ? reason
                : reason + " (" + (kind == FailureKind.CONFLICT ? "a conflict" : "not a passing fault") + ": tried again when the release, its "
                + "values or the cluster change, or on Sync now)";
        namespaces.forget(key.cluster());
        reads.forget(key.cluster());
        unsettled.forget(key);
        int attempts = status == null ? 1 : status.attempts() + 1;
        long delay = Math.min(settings.maxBackoff().toMillis(), 2000L << Math.min(attempts - 1, 16));
        Instant next = kind.retried() ? clock.instant().plusMillis(delay) : null;
        boolean news = status == null || status.sync() != SyncState.FAILED || !message.equals(status.message());
        tx.executeWithoutResult(t -> {
            statuses.failed(key, revision, message, attempts, next, kind, inputs, clock.instant());
            if (news) {
                statuses.history(key, revision, SyncState.FAILED, HealthState.UNKNOWN, message, 0, 0, (System.nanoTime() - start) / 1_000_000,
                        clock.instant());
                events.publishEvent(new ReconcileEvent("failed", key, "system", Map.of("revision", revision, "error", message)));
            }
        });
        updates.changed(key);
    }
}
