package io.chartroom.audit.service;

import io.chartroom.audit.domain.AuditChain;
import io.chartroom.audit.domain.AuditEventRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The head of the audit chain kept outside the audit table: the newest (id, hash) this replica committed, in
 * memory, in the metrics ({@code chartroom.audit.head.id}) and in a checkpoint signed with the audit key (a file,
 * {@code <data-dir>/audit.checkpoint}, or a ConfigMap the replicas share: {@link CheckpointStore}; written at most once
 * a second and at shutdown; in a shared one, the newest head any replica wrote is merged into this one's). It also records up to
 * which id rows may carry the unkeyed (SHA-256) hash, and the breaks an ADMIN accepted (a database restored from
 * a backup). Deleting the newest rows, which the chain alone cannot show, is then seen by verification. A
 * checkpoint that is missing while the table has rows, cannot be read or does not match its signature is reported
 * by verification, never a reason not to start; the doubt is written into the new checkpoint, so that it survives
 * restarts until an ADMIN re-anchors the chain.
 */
@Component
class AuditCheckpoint {

    /**
     * What is kept: the newest row seen, the last id that may be unkeyed, the rows whose break was accepted, why the
     * newest rows cannot be vouched for (null when they can), and how often an ADMIN re-anchored the chain (a head
     * anchored later is never raised again by an older one that other replicas still hold).
     */
    record Head(long id, byte[] hash, long legacyUntil, Instant at, Set<Long> accepted, @Nullable String doubt, long anchor) {}

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoint.class);
    private static final org.springframework.core.retry.RetryTemplate READS = new org.springframework.core.retry.RetryTemplate(
            org.springframework.core.retry.RetryPolicy.builder().maxRetries(3).delay(java.time.Duration.ofMillis(500)).multiplier(2).build());

    private final AuditChain chain;
    private final CheckpointStore store;
    private final String file;
    private final AtomicReference<Head> head = new AtomicReference<>();
    private volatile boolean dirty;

    AuditCheckpoint(AuditChain chain, CheckpointStore store, JdbcClient jdbc, MeterRegistry metrics) {
        this.chain = chain;
        this.store = store;
        this.file = store.where();
        Head stored;
        try {
            stored = read();
        } catch (UnusableCheckpoint unusable) {
            log.error(unusable.getMessage());
            stored = fresh(jdbc, unusable.getMessage());
        }
        if (stored == null) {
            // no checkpoint: a new installation, or one whose checkpoint was deleted (perhaps with the newest rows)
            long rows = jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
            String doubt = rows == 0 ? null : "the audit checkpoint " + file + " is missing, but the log has rows (up to " + rows
                    + "): it was deleted or the data directory replaced; the removal of the newest rows cannot be seen until an ADMIN "
                    + "re-anchors the chain";
            if (doubt != null) {
                log.error(doubt);
            }
            stored = fresh(jdbc, doubt);
        }
        head.set(stored);
        // a new head (none was stored, or it could not be used) is written at once: its doubt must survive a restart
        // that comes before the first audited row
        dirty = stored.id() == 0;
        Gauge.builder("chartroom.audit.head.id", head, h -> h.get().id())
                .description("The id of the newest audit row this replica committed (verification checks the table still has it)")
                .register(metrics);
        flush();
    }

    /** A row committed: the head moves forward; after a row linked to a head the table lost, it moves to that row. */
    void advance(AuditEventRepository.Appended row) {
        head.accumulateAndGet(new Head(row.id(), row.hash(), 0, Instant.now(), Set.of(), null, 0),
                (now, next) -> next.id() > now.id() || row.linkedToLostHead()
                        ? new Head(next.id(), next.hash(), now.legacyUntil(), next.at(), now.accepted(), now.doubt(), now.anchor()) : now);
        dirty = true;
    }

    /**
     * An ADMIN accepted a break (e.g. after restoring a backup): a link break at {@code brokenLinkId} (if > 0) no
     * longer counts, a doubt about the checkpoint is dropped only when that is what was accepted, and the head is the
     * table's newest row again.
     */
    void accept(long brokenLinkId, boolean doubtAccepted, long tableHeadId, byte[] tableHeadHash) {
        head.updateAndGet(h -> {
            Set<Long> accepted = new TreeSet<>(h.accepted());
            if (brokenLinkId > 0) {
                accepted.add(brokenLinkId);
            }
            return new Head(tableHeadId, tableHeadHash, h.legacyUntil(), Instant.now(), Set.copyOf(accepted), doubtAccepted ? null : h.doubt(),
                    h.anchor() + 1);
        });
        dirty = true;
        flush();
    }

    Head head() {
        return head.get();
    }

    /** Why the newest rows cannot be vouched for (the checkpoint was missing or unusable at some start), or null. */
    @Nullable String problem() {
        return head.get().doubt();
    }

    /**
     * A head that vouches for nothing yet. Rows may carry the unkeyed hash only up to the first keyed row: a lost
     * checkpoint must not let rows forged with the old scheme after it pass.
     */
    private static Head fresh(JdbcClient jdbc, String doubt) {
        long legacyUntil = jdbc.sql("""
                select coalesce(max(id), 0) from audit_event where chain_version = 1
                  and id < coalesce((select min(id) from audit_event where chain_version = 2), 9223372036854775807)""")
                .query(Long.class).single();
        return new Head(0, null, legacyUntil, Instant.now(), Set.of(), doubt, 0);
    }

    /** A checkpoint file that exists but cannot be used; the message says why. */
    private static final class UnusableCheckpoint extends RuntimeException {
        UnusableCheckpoint(String message) {
            super(message, null, false, false);
        }
    }

    @Scheduled(fixedDelay = 1000)
    @PreDestroy
    synchronized void flush() {
        if (!dirty) {
            return;
        }
        dirty = false;
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                String stored = store.shared() ? store.read() : null;
                if (stored != null) {
                    Head other = parsed(stored, true);
                    if (other != null) {
                        head.updateAndGet(own -> merged(own, other));
                    } else {
                        String doubt = "the audit checkpoint " + file + " was changed outside Chartroom (its signature does not match) "
                                + "while this replica ran; the newest rows cannot be vouched for until an ADMIN re-anchors the chain";
                        log.error(doubt);
                        head.updateAndGet(own -> own.doubt() != null ? own : new Head(own.id(), own.hash(), own.legacyUntil(), own.at(),
                                own.accepted(), doubt, own.anchor()));
                    }
                }
                Head h = head.get();
                if (store.write(stored, text(h) + "signature=" + HexFormat.of().formatHex(chain.sign(text(h))) + "\n")) {
                    return;
                }
            }
            dirty = true; // other replicas kept writing: the next flush tries again
        } catch (IOException | RuntimeException e) {
            dirty = true;
            log.warn("Cannot write the audit checkpoint {}: {}", file, e.getMessage());
        }
    }

    /**
     * This replica's head with another replica's stored one. A later anchor (an ADMIN re-anchored the chain there)
     * wins whole; on the same anchor, the newer row of the two (the table holds both), the breaks either accepted, and
     * either's doubt (dropped only by an ADMIN's acceptance, which moves the anchor).
     */
    private static Head merged(Head own, Head other) {
        if (other.anchor() != own.anchor()) {
            return other.anchor() > own.anchor() ? other : own;
        }
        Set<Long> accepted = new TreeSet<>(own.accepted());
        accepted.addAll(other.accepted());
        boolean newer = other.id() > own.id();
        return new Head(newer ? other.id() : own.id(), newer ? other.hash() : own.hash(), Math.max(own.legacyUntil(), other.legacyUntil()),
                newer ? other.at() : own.at(), Set.copyOf(accepted), own.doubt() != null ? own.doubt() : other.doubt(), own.anchor());
    }

    /** The stored checkpoint, or null when there is none; one that cannot be used throws {@link UnusableCheckpoint}. */
    private @Nullable Head read() {
        String text;
        try {
            // a shared store may be briefly unreachable at start: asked again before doubting the chain
            text = READS.execute(() -> {
                try {
                    return java.util.Optional.ofNullable(store.read());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).orElse(null);
        } catch (org.springframework.core.retry.RetryException e) {
            String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            throw new UnusableCheckpoint("the audit checkpoint " + file + " cannot be read (" + why + "); until an ADMIN "
                    + "re-anchors the chain, the removal of the newest rows cannot be seen");
        }
        return text == null ? null : parsed(text, false);
    }

    /** {@code lenient}: another replica's text that cannot be used is ignored (null) rather than thrown. */
    private @Nullable Head parsed(String text, boolean lenient) {
        Head h;
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            Set<Long> accepted = fields.getOrDefault("accepted", "").isEmpty() ? Set.of()
                    : Arrays.stream(fields.get("accepted").split(",")).map(Long::parseLong).collect(Collectors.toUnmodifiableSet());
            h = new Head(Long.parseLong(fields.get("id")), fields.get("hash").isEmpty() ? null : HexFormat.of().parseHex(fields.get("hash")),
                    Long.parseLong(fields.get("legacyUntil")), Instant.parse(fields.get("at")), accepted, fields.get("doubt"),
                    Long.parseLong(fields.getOrDefault("anchor", "0")));
        } catch (RuntimeException e) {
            if (lenient) {
                return null;
            }
            throw new UnusableCheckpoint("the audit checkpoint " + file + " cannot be read (" + e.getMessage() + "); until an ADMIN "
                    + "re-anchors the chain, the removal of the newest rows cannot be seen");
        }
        if (!HexFormat.of().formatHex(chain.sign(text(h))).equals(fields.get("signature"))) {
            if (lenient) {
                return null;
            }
            throw new UnusableCheckpoint("the audit checkpoint " + file + " does not match its signature: it was changed outside "
                    + "Chartroom, or the audit key changed; the newest rows cannot be vouched for until an ADMIN re-anchors the chain");
        }
        return h;
    }

    private static String text(Head h) {
        return "id=" + h.id() + "\nhash=" + (h.hash() == null ? "" : HexFormat.of().formatHex(h.hash())) + "\nlegacyUntil=" + h.legacyUntil()
                + "\nat=" + h.at() + "\naccepted=" + h.accepted().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")) + "\n"
                // only when there is one, so that checkpoints written before doubts were kept still verify
                + (h.doubt() == null ? "" : "doubt=" + h.doubt().replaceAll("[\\r\\n]", " ") + "\n")
                + (h.anchor() == 0 ? "" : "anchor=" + h.anchor() + "\n");
    }
}
