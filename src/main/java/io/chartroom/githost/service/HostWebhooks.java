package io.chartroom.githost.service;

import io.chartroom.base.crypto.HmacSha256;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.domain.GitHostRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks from the Git host. A delivery is acted on only when it is signed with the shared secret (its signature is
 * the caller's credential: no user is signed in) and its delivery id was not seen before (a replay is answered but
 * not acted on). A refused delivery is in the audit log with why and from where. What a verified delivery says is
 * published as a {@link HostEvent}.
 */
@Service
public class HostWebhooks {

    public enum Outcome { ACCEPTED, DUPLICATE, IGNORED }

    /** A delivery that is not the host's: answered 401, audited. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Hosts redeliver failed deliveries for days at most: ids older than this are forgotten. */
    private static final Duration REMEMBERED = Duration.ofDays(14);

    private final GitHostRepository repository;
    private final GitHosts hosts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public HostWebhooks(GitHostRepository repository, GitHosts hosts, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.hosts = hosts;
        this.events = events;
        this.clock = clock;
    }

    public Outcome receive(Map<String, String> headers, byte[] body) {
        GitHost host = repository.find().orElseThrow(() -> new NotFoundException("no Git host is configured"));
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        WebhookDelivery delivery = new WebhookDelivery(host.kind(), lower, body);
        Optional<String> secret = hosts.webhookSecret();
        String problem = secret.isEmpty() ? "no webhook secret is set for the Git host" : delivery.unverified(secret.get()).orElse(null);
        if (problem == null && (delivery.event() == null || delivery.deliveryId() == null)) {
            problem = "no event name or delivery id header";
        }
        if (problem != null) {
            auditRefusal(host, delivery, problem);
            throw new Refused(problem);
        }
        // a host resends a delivery with its id; a replay under a new id has the same signed body
        if (!repository.firstDelivery(delivery.deliveryId(), delivery.event(), clock.instant())
                | !repository.firstDelivery("sha256:" + HmacSha256.hex("delivery", body), delivery.event(), clock.instant())) {
            return Outcome.DUPLICATE;
        }
        HostEvent event;
        try {
            event = HostEvents.read(host.kind(), delivery.event(), JSON.readTree(body));
        } catch (RuntimeException notJson) {
            event = new HostEvent.Ignored(delivery.event());
        }
        events.publishEvent(AuditEntry.of("git_host.webhook_received", "system").target("git_host", host.repository())
                .detail("event", delivery.event()).detail("delivery", delivery.deliveryId()).detail("means", event.toString()).build());
        events.publishEvent(event);
        return event instanceof HostEvent.Ignored ? Outcome.IGNORED : Outcome.ACCEPTED;
    }

    /**
     * Refusals reach the audit log at most once a second, each with how many were refused since the last one: anyone
     * can call this endpoint, and a flood of forged deliveries must not flood the log.
     */
    private void auditRefusal(GitHost host, WebhookDelivery delivery, String problem) {
        long now = clock.millis();
        long last = lastRefusalAudit.get();
        if (now - last < 1_000 || !lastRefusalAudit.compareAndSet(last, now)) {
            refusedSinceAudit.incrementAndGet();
            return;
        }
        events.publishEvent(AuditEntry.of("git_host.webhook_refused", "anonymous").target("git_host", host.repository())
                .detail("event", String.valueOf(delivery.event())).detail("delivery", String.valueOf(delivery.deliveryId()))
                .detail("refusedBefore", refusedSinceAudit.getAndSet(0)).denied(problem).build());
    }

    private final java.util.concurrent.atomic.AtomicLong lastRefusalAudit = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger refusedSinceAudit = new java.util.concurrent.atomic.AtomicInteger();

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    void forgetOldDeliveries() {
        repository.forgetDeliveries(clock.instant().minus(REMEMBERED));
    }
}
