package io.chartroom.audit.domain;

import io.chartroom.base.event.AuditEntry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Appends to the audit log; appending is serialized so that the hash chain follows commit order. */
@Repository
public class AuditEventRepository {

    /** Key of the transaction-scoped advisory lock that serializes appends ("audit" in ASCII). */
    private static final long APPEND_LOCK = 0x6175646974L;

    /**
     * A row as appended: what the checkpoint keeps of the chain's head; {@code linkedToLostHead} when it links to a
     * head the table no longer has (the newest rows were deleted, or the database restored from a backup).
     */
    public record Appended(long id, byte[] hash, boolean linkedToLostHead) {
        public Appended(long id, byte[] hash) {
            this(id, hash, false);
        }
    }

    private record Reserved(long id, @org.jspecify.annotations.Nullable Appended head) {}

    private final JdbcClient jdbc;
    private final AuditChain chain;
    private final JsonMapper json = JsonMapper.builder().build();

    public AuditEventRepository(JdbcClient jdbc, AuditChain chain) {
        this.jdbc = jdbc;
        this.chain = chain;
    }

    /**
     * Appends one entry in the caller's transaction (or its own), so that an action and its audit line
     * commit together. {@code known} is the newest row this replica committed: if the table no longer has it
     * (its newest rows were deleted), the new row still links to it, so the gap shows as a break in the chain
     * instead of being papered over.
     */
    @Transactional
    public Appended append(AuditEntry e, Instant now, Appended known) {
        // the lock, the chain's head and the next id in one round trip (V28): appends queue behind this lock
        Reserved reserved = jdbc.sql("select next_id, last_id, last_hash from audit_reserve(?)").param(APPEND_LOCK)
                .query((rs, n) -> new Reserved(rs.getLong(1), rs.getObject(2) == null ? null : new Appended(rs.getLong(2), rs.getBytes(3))))
                .single();
        Appended last = reserved.head();
        boolean lost = known != null && known.hash() != null && (last == null || known.id() > last.id());
        byte[] previous = lost ? known.hash() : last == null ? null : last.hash();
        long id = reserved.id();
        Instant at = AuditChain.truncateToMicros(e.at() == null ? now : e.at());
        String details = canonicalJson(e.details());
        var fields = new AuditChain.ChainedFields(id, at, e.actor(), e.action(), e.outcome().name(), e.targetType(),
                e.target(), e.release(), e.environment(), e.cluster(), e.changeRequest(), details, e.sourceAddress());
        byte[] hash = chain.hash(AuditChain.KEYED, previous, fields);
        jdbc.sql("""
                insert into audit_event (id, occurred_at, actor, action, outcome, target_type, target, release_name,
                    environment, cluster, change_request_id, details, source_address, prev_hash, hash, chain_version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, Timestamp.from(at), e.actor(), e.action(), e.outcome().name(), e.targetType(), e.target(),
                        e.release(), e.environment(), e.cluster(), e.changeRequest(), details, e.sourceAddress(),
                        previous, hash, AuditChain.KEYED)
                .update();
        return new Appended(id, hash, lost);
    }

    /** The newest row of the table, if any. */
    public Optional<Appended> lastRow() {
        return jdbc.sql("select id, hash from audit_event order by id desc limit 1")
                .query((rs, n) -> new Appended(rs.getLong(1), rs.getBytes(2))).optional();
    }

    public Optional<Long> lastId() {
        return jdbc.sql("select max(id) from audit_event").query(Long.class).optional();
    }

    private String canonicalJson(Map<String, Object> details) {
        return json.writeValueAsString(new TreeMap<>(details));
    }
}
