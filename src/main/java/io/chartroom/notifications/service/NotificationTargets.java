package io.chartroom.notifications.service;

import io.chartroom.base.crypto.SecretCipher;
import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.Audited;
import io.chartroom.notifications.domain.Delivery;
import io.chartroom.notifications.domain.DeliveryRepository;
import io.chartroom.notifications.domain.NotificationTarget;
import io.chartroom.notifications.domain.NotificationTargetRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Admins' side of notifications: targets added and removed (audited, URLs and secrets sealed) and the delivery log. */
@Service
public class NotificationTargets {

    static final String URL_PURPOSE = "notification-url";
    static final String SECRET_PURPOSE = "notification-secret";

    private final NotificationTargetRepository targets;
    private final DeliveryRepository deliveries;
    private final SecretCipher cipher;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public NotificationTargets(NotificationTargetRepository targets, DeliveryRepository deliveries, SecretCipher cipher, CurrentUser currentUser,
                               ApplicationEventPublisher events, Clock clock) {
        this.targets = targets;
        this.deliveries = deliveries;
        this.cipher = cipher;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    public List<NotificationTarget> list() {
        currentUser.require(Role.ADMIN);
        return targets.findAll();
    }

    @Transactional
    @Audited(value = "notification_target.added", targetType = "notification_target", target = -1)
    public NotificationTarget add(TargetDraft draft) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        draft.validate();
        if (targets.findByName(draft.name()).isPresent()) {
            throw new ConflictException("a notification target named " + draft.name() + " exists already");
        }
        String url = draft.url().strip();
        String secret = draft.secret() == null || draft.secret().isBlank() ? null : draft.secret().strip();
        targets.insert(draft.name(), draft.kind(), cipher.encrypt(url, URL_PURPOSE), URI.create(url).getHost(),
                secret == null ? null : cipher.encrypt(secret, SECRET_PURPOSE), draft.events(),
                draft.environments() == null ? List.of() : draft.environments(), draft.teams() == null ? List.of() : draft.teams(),
                admin.username(), clock.instant());
        NotificationTarget added = targets.findByName(draft.name()).orElseThrow();
        events.publishEvent(AuditEntry.of("notification_target.added", admin.username()).target("notification_target", added.name())
                .detail("kind", added.kind().name()).detail("host", added.urlHost()).detail("events", added.events().stream().map(Enum::name).toList())
                .detail("signed", added.signed()).build());
        return added;
    }

    @Transactional
    @Audited(value = "notification_target.removed", targetType = "notification_target", target = -1)
    public void remove(long id) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        NotificationTarget target = targets.findSealed(id).orElseThrow(() -> new NotFoundException("no notification target " + id)).target();
        targets.delete(id);
        events.publishEvent(AuditEntry.of("notification_target.removed", admin.username()).target("notification_target", target.name()).build());
    }

    /** The delivery log, newest first. */
    public List<Delivery> deliveries(int offset, int limit) {
        currentUser.require(Role.ADMIN);
        return deliveries.recent(offset, Math.min(limit, 500));
    }

    public int deliveryCount() {
        currentUser.require(Role.ADMIN);
        return deliveries.count();
    }
}
