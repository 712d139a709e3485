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

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public AuditEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends one entry in the caller's transaction (or its own), so that an action and its audit line
     * commit together. Returns the new row's id.
     */
    @Transactional
    public long append(AuditEntry e, Instant now) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(APPEND_LOCK).query((rs, n) -> 1).single();
        byte[] previous = jdbc.sql("select hash from audit_event order by id desc limit 1")
                .query((rs, n) -> rs.getBytes(1)).optional().orElse(null);
        long id = jdbc.sql("select nextval('audit_event_id_seq')").query(Long.class).single();
        Instant at = AuditChain.truncateToMicros(e.at() == null ? now : e.at());
        String details = canonicalJson(e.details());
        var fields = new AuditChain.ChainedFields(id, at, e.actor(), e.action(), e.outcome().name(), e.targetType(),
                e.target(), e.release(), e.environment(), e.cluster(), e.changeRequest(), details, e.sourceAddress());
        jdbc.sql("""
                insert into audit_event (id, occurred_at, actor, action, outcome, target_type, target, release_name,
                    environment, cluster, change_request_id, details, source_address, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, Timestamp.from(at), e.actor(), e.action(), e.outcome().name(), e.targetType(), e.target(),
                        e.release(), e.environment(), e.cluster(), e.changeRequest(), details, e.sourceAddress(),
                        previous, AuditChain.hash(previous, fields))
                .update();
        return id;
    }

    public Optional<Long> lastId() {
        return jdbc.sql("select max(id) from audit_event").query(Long.class).optional();
    }

    private String canonicalJson(Map<String, Object> details) {
        return json.writeValueAsString(new TreeMap<>(details));
    }
}
