package io.chartroom.audit.domain;

import io.chartroom.base.crypto.KeyFile;
import io.chartroom.base.settings.DataDirectory;
import io.chartroom.base.settings.InvalidSettingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The hash chain of the audit log: each row's hash covers the previous row's hash and every column of the
 * row, so editing, inserting or deleting a row in the database breaks the chain from that row on. Rows are
 * keyed (HMAC-SHA-256, version 2) with a key kept outside the database (chartroom.audit.key /
 * CHARTROOM_AUDIT_KEY, or generated once into {@code <data-dir>/audit.key}): whoever can write the database
 * cannot recompute a valid chain. Version 1 (plain SHA-256) is only verified for rows written before keying.
 */
@Component
public class AuditChain {

    public static final int LEGACY = 1;
    public static final int KEYED = 2;
    private static final String SETTING = "chartroom.audit.key (CHARTROOM_AUDIT_KEY)";

    /** The fields of one stored row, as they take part in its hash. */
    public record ChainedFields(
            long id, Instant occurredAt, String actor, String action, String outcome, String targetType,
            String target, String release, String environment, String cluster, Long changeRequest,
            String details, String sourceAddress) {}

    private final ThreadLocal<Mac> macs;

    public AuditChain(@Value("${chartroom.audit.key:}") String configured, DataDirectory dataDirectory) {
        SecretKeySpec key = new SecretKeySpec(configured(configured).orElseGet(() -> keyFile(dataDirectory.root().resolve("audit.key"))),
                "HmacSHA256");
        // one initialized Mac per thread: verification hashes a million rows, appends run on many threads
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** The key also signs what is kept of the chain outside the database (the checkpoint). */
    public byte[] sign(String text) {
        return hmac(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] hash(int version, byte[] previousHash, ChainedFields row) {
        byte[] text = serialize(previousHash, row);
        if (version == KEYED) {
            return hmac(text);
        }
        if (version != LEGACY) {
            throw new IllegalArgumentException("unknown chain version " + version);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(text);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] hmac(byte[] text) {
        return macs.get().doFinal(text); // doFinal resets the Mac for the next row
    }

    private static byte[] serialize(byte[] previousHash, ChainedFields row) {
        StringBuilder text = new StringBuilder(256)
                .append(previousHash == null ? "" : HexFormat.of().formatHex(previousHash)).append('\n')
                .append(row.id()).append('\n')
                .append(micros(row.occurredAt())).append('\n');
        for (Object field : new Object[] {row.actor(), row.action(), row.outcome(), row.targetType(), row.target(),
                row.release(), row.environment(), row.cluster(), row.changeRequest(), row.details(), row.sourceAddress()}) {
            // length-prefixed, so that no two different rows serialize the same way
            String value = Objects.toString(field, "\u0000");
            text.append(value.length()).append(':').append(value).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static java.util.Optional<byte[]> configured(String configured) {
        if (!StringUtils.hasText(configured)) {
            return java.util.Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(SETTING, "not valid base64");
        }
        if (raw.length < 32) {
            throw new InvalidSettingException(SETTING, "must be at least 32 bytes (base64 of 32 random bytes), not " + raw.length);
        }
        return java.util.Optional.of(raw);
    }

    private static byte[] keyFile(Path file) {
        return KeyFile.readOrCreate(file, () -> { });
    }

    /** PostgreSQL keeps microseconds; hashing at that precision makes stored rows verify. */
    public static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    public static Instant truncateToMicros(Instant at) {
        return Instant.ofEpochSecond(at.getEpochSecond(), (at.getNano() / 1_000) * 1_000L);
    }
}
