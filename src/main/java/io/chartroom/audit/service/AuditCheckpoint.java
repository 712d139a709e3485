package io.chartroom.audit.service;

import io.chartroom.audit.domain.AuditChain;
import io.chartroom.audit.domain.AuditEventRepository;
import io.chartroom.base.settings.DataDirectory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The head of the audit chain kept outside the audit table: the newest (id, hash) this replica committed, in
 * memory, in the metrics ({@code chartroom.audit.head.id}) and in a checkpoint file signed with the audit key
 * ({@code <data-dir>/audit.checkpoint}, written at most once a second and at shutdown). It also records up to
 * which id rows may carry the unkeyed (SHA-256) hash. Deleting the newest rows, which the chain alone cannot
 * show, is then seen by verification: the table ends before the checkpoint.
 */
@Component
class AuditCheckpoint {

    /** What is kept: the newest row seen and the last id that may be unkeyed. */
    record Head(long id, byte[] hash, long legacyUntil, Instant at) {}

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoint.class);

    private final AuditChain chain;
    private final Path file;
    private final AtomicReference<Head> head = new AtomicReference<>();
    private volatile boolean dirty;

    AuditCheckpoint(AuditChain chain, DataDirectory dataDirectory, JdbcClient jdbc, MeterRegistry metrics) {
        this.chain = chain;
        this.file = dataDirectory.root().resolve("audit.checkpoint");
        Head stored = read().orElse(null);
        if (stored == null) {
            long legacyUntil = jdbc.sql("select coalesce(max(id), 0) from audit_event where chain_version = 1").query(Long.class).single();
            stored = new Head(0, null, legacyUntil, Instant.now());
            dirty = true;
        }
        head.set(stored);
        Gauge.builder("chartroom.audit.head.id", head, h -> h.get().id())
                .description("The id of the newest audit row this replica committed (verification checks the table still has it)")
                .register(metrics);
        flush();
    }

    /** A row committed: the head moves forward (never back). */
    void advance(AuditEventRepository.Appended row) {
        head.accumulateAndGet(new Head(row.id(), row.hash(), 0, Instant.now()),
                (now, next) -> next.id() > now.id() ? new Head(next.id(), next.hash(), now.legacyUntil(), next.at()) : now);
        dirty = true;
    }

    Head head() {
        return head.get();
    }

    @Scheduled(fixedDelay = 1000)
    @PreDestroy
    void flush() {
        if (!dirty) {
            return;
        }
        dirty = false;
        Head h = head.get();
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, text(h) + "signature=" + HexFormat.of().formatHex(chain.sign(text(h))) + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            dirty = true;
            log.warn("Cannot write the audit checkpoint {}: {}", file, e.getMessage());
        }
    }

    /** The stored checkpoint; a file whose signature does not match is reported and not used. */
    private Optional<Head> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            Head h = new Head(Long.parseLong(fields.get("id")), fields.get("hash").isEmpty() ? null : HexFormat.of().parseHex(fields.get("hash")),
                    Long.parseLong(fields.get("legacyUntil")), Instant.parse(fields.get("at")));
            if (!HexFormat.of().formatHex(chain.sign(text(h))).equals(fields.get("signature"))) {
                throw new IllegalStateException("the audit checkpoint " + file + " does not match its signature: it was changed "
                        + "outside Chartroom, or the audit key changed");
            }
            return Optional.of(h);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw (IllegalStateException) e;
            }
            throw new IllegalStateException("cannot read the audit checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(Head h) {
        return "id=" + h.id() + "\nhash=" + (h.hash() == null ? "" : HexFormat.of().formatHex(h.hash())) + "\nlegacyUntil=" + h.legacyUntil()
                + "\nat=" + h.at() + "\n";
    }
}
