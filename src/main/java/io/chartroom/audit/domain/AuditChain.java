package io.chartroom.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The hash chain of the audit log: each row's hash covers the previous row's hash and every column of the
 * row, so editing, inserting or deleting a row in the database breaks the chain from that row on.
 */
public final class AuditChain {

    private AuditChain() {}

    /** The fields of one stored row, as they take part in its hash. */
    public record ChainedFields(
            long id, Instant occurredAt, String actor, String action, String outcome, String targetType,
            String target, String release, String environment, String cluster, Long changeRequest,
            String details, String sourceAddress) {}

    public static byte[] hash(byte[] previousHash, ChainedFields row) {
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
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PostgreSQL keeps microseconds; hashing at that precision makes stored rows verify. */
    public static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    public static Instant truncateToMicros(Instant at) {
        return Instant.ofEpochSecond(at.getEpochSecond(), (at.getNano() / 1_000) * 1_000L);
    }
}
