package io.chartroom.notifications.service;

import io.chartroom.base.crypto.SecretCipher;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.notifications.domain.DeliveryRepository;
import io.chartroom.notifications.domain.NotificationKind;
import io.chartroom.notifications.domain.NotificationTargetRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Sends notices to the targets that subscribed to them: each (notice, target) a row of the delivery log, sent at
 * once and, when the target fails, again after 1, 2, 4 and 8 times the retry base (default 1 s) until 5 attempts
 * failed. Due deliveries are claimed with a lease, so replicas share the queue and a sender that dies leaves its
 * deliveries due again.
 */
@Service
public class Notifications {

    static final int MAX_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final NotificationTargetRepository targets;
    private final DeliveryRepository deliveries;
    private final SecretCipher cipher;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final Duration retryBase;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("notifications").daemon().factory());
    private final AtomicBoolean kicked = new AtomicBoolean();

    public Notifications(NotificationTargetRepository targets, DeliveryRepository deliveries, SecretCipher cipher, CurrentUser currentUser,
                         Clock clock, @Value("${chartroom.notifications.retry-base:1s}") Duration retryBase) {
        this.targets = targets;
        this.deliveries = deliveries;
        this.cipher = cipher;
        this.currentUser = currentUser;
        this.clock = clock;
        this.retryBase = retryBase;
    }

    /** Whether any target exists (notices are not even made without one). */
    public boolean anyTargets() {
        currentUser.require(Role.ADMIN);
        return targets.any();
    }

    /** Queues the notice for every target that wants it, and sends at once. Chartroom's own work (SYSTEM) or an ADMIN's. */
    public int notify(Notice notice) {
        currentUser.require(Role.ADMIN);
        String payload = NoticeSender.payload(notice);
        int queued = 0;
        for (NotificationTargetRepository.Sealed target : targets.findAllSealed()) {
            if (target.target().wants(notice.kind(), notice.environments(), notice.team())) {
                deliveries.enqueue(target.target().id(), notice.kind().event(), notice.title(), payload, clock.instant());
                queued++;
            }
        }
        if (queued > 0) {
            kick();
        }
        return queued;
    }

    /** Sends a test notification to one target now (through the log, like any other; retried like any other). */
    public void test(long targetId, String link) {
        currentUser.require(Role.ADMIN);
        var target = targets.findSealed(targetId).orElseThrow(() -> new NotFoundException("no notification target " + targetId)).target();
        Notice notice = new Notice(NotificationKind.TEST, "Test notification from Chartroom to " + target.name(), null, java.util.List.of(), null, null, null, link,
                clock.instant());
        deliveries.enqueue(targetId, NotificationKind.TEST.event(), notice.title(), NoticeSender.payload(notice), clock.instant());
        sendDue(); // the first attempt now, on the caller's thread: the admin sees its outcome at once
    }

    private void kick() {
        if (kicked.compareAndSet(false, true)) {
            sender.submit(() -> {
                kicked.set(false);
                sendDue();
            });
        }
    }

    @Scheduled(fixedDelayString = "${chartroom.notifications.retry-period:1s}")
    void sendDue() {
        try {
            for (DeliveryRepository.Due due : deliveries.claimDue(clock.instant(), Duration.ofMinutes(2), 50)) {
                send(due);
            }
        } catch (RuntimeException e) {
            log.warn("Sending notifications failed: {}", e.getMessage());
        }
    }

    private void send(DeliveryRepository.Due due) {
        var sealed = targets.findSealed(due.targetId());
        if (sealed.isEmpty()) {
            return; // removed meanwhile: its deliveries went with it
        }
        var target = sealed.get();
        Instant now = clock.instant();
        NoticeSender.Outcome outcome = NoticeSender.send(target.target().kind(), cipher.decrypt(target.url(), NotificationTargets.URL_PURPOSE),
                target.secret() == null ? null : cipher.decrypt(target.secret(), NotificationTargets.SECRET_PURPOSE), due.id(), due.event(),
                due.payload(), now);
        if (outcome.delivered()) {
            deliveries.delivered(due.id(), outcome.status(), clock.instant());
            return;
        }
        int attempt = due.attempts() + 1;
        Instant next = attempt >= MAX_ATTEMPTS ? null : clock.instant().plus(retryBase.multipliedBy(1L << (attempt - 1)));
        deliveries.attemptFailed(due.id(), outcome.status() == 0 ? null : outcome.status(), outcome.error(), next);
        if (next == null) {
            log.warn("A notification to {} failed {} times and is given up: {}", target.target().name(), attempt, outcome.error());
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }
}
