package io.chartroom.notifications.service;

import io.chartroom.changes.service.ChangeRequestEvent;
import io.chartroom.changes.service.ChangeRequestMerged;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.notifications.domain.NotificationKind;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.status.ReconcileEvent;
import io.chartroom.security.service.SystemActor;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns what happened into notices, after it committed: change requests opened, approved and merged; a unit that
 * failed to apply, drift found and healed (degraded: {@link DegradedWatch}). Runs as Chartroom itself.
 */
@Component
class NoticeTriggers {

    private final Notifications notifications;
    private final GitOpsRepository gitops;
    private final SystemActor system;
    private final Clock clock;
    private final String publicUrl;
    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("notices").daemon().factory());
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NoticeTriggers.class);

    NoticeTriggers(Notifications notifications, GitOpsRepository gitops, SystemActor system, Clock clock,
                   @Value("${chartroom.public-url:http://localhost:8080}") String publicUrl) {
        this.notifications = notifications;
        this.gitops = gitops;
        this.system = system;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void changeRequest(ChangeRequestEvent event) {
        NotificationKind kind = switch (event.action()) {
            case "opened" -> NotificationKind.CHANGE_REQUEST_OPENED;
            case "approved" -> NotificationKind.CHANGE_REQUEST_APPROVED;
            default -> null;
        };
        if (kind != null) {
            var cr = event.changeRequest();
            String what = kind == NotificationKind.CHANGE_REQUEST_OPENED ? " opened by " : " approved by ";
            send(() -> new Notice(kind, "#" + cr.id() + " " + cr.title() + what + event.actor(), cr.release(), cr.environments(), null, cr.team(),
                    cr.id(), publicUrl + "/change-requests/" + cr.id(), clock.instant()));
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void merged(ChangeRequestMerged event) {
        send(() -> new Notice(NotificationKind.CHANGE_REQUEST_MERGED, "#" + event.changeRequestId() + " merged by " + event.mergedBy()
                + (event.release() == null ? "" : ": " + event.release()) + (event.environments().isEmpty() ? "" : " in " + String.join(", ", event.environments())),
                event.release(), event.environments(), null, team(event.release()), event.changeRequestId(),
                publicUrl + "/change-requests/" + event.changeRequestId(), clock.instant()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void reconciled(ReconcileEvent event) {
        UnitKey unit = event.unit();
        String title = switch (event.action()) {
            case "failed" -> unit.release() + " failed to apply on " + unit.cluster() + " (" + unit.environment() + "): " + event.details().get("error");
            case "drift_detected" -> unit.release() + " drifted on " + unit.cluster() + " (" + unit.environment() + "): " + event.details().get("drift");
            case "drift_healed" -> unit.release() + " drifted on " + unit.cluster() + " (" + unit.environment() + ") and was re-applied: "
                    + event.details().get("drift");
            default -> null;
        };
        if (title != null) {
            NotificationKind kind = switch (event.action()) {
                case "failed" -> NotificationKind.UNIT_FAILED;
                case "drift_detected" -> NotificationKind.DRIFT_DETECTED;
                default -> NotificationKind.DRIFT_HEALED;
            };
            unitNotice(kind, unit, title.length() > 500 ? title.substring(0, 499) + "…" : title);
        }
    }

    void unitNotice(NotificationKind kind, UnitKey unit, String title) {
        send(() -> new Notice(kind, title, unit.release(), List.of(unit.environment()), unit.cluster(), team(unit.release()), null,
                publicUrl + "/releases/" + unit.release(), clock.instant()));
    }

    private @Nullable String team(@Nullable String release) {
        return release == null ? null : gitops.release(gitops.main(), release).map(ReleaseDescription::team).orElse(null);
    }

    /**
     * Off the thread that committed (a merge's answer does not wait for its notices), in order; nothing is read for a
     * notice (a release's team) when nobody subscribes to anything.
     */
    private void send(java.util.function.Supplier<Notice> notice) {
        worker.submit(() -> {
            try {
                system.run(() -> {
                    if (notifications.anyTargets()) {
                        notifications.notify(notice.get());
                    }
                });
            } catch (RuntimeException e) {
                log.warn("A notification could not be queued: {}", e.getMessage());
            }
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
