package io.chartroom.audit.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit log: filtered pages (newest first, by id so that paging is stable while rows arrive),
 * streaming for exports and chain verification (a server-side cursor; never all rows in memory), a release's
 * timeline and the actions in use.
 */
@Repository
public class AuditEventQueries {

    private static final String COLUMNS = "id, occurred_at, actor, action, outcome, target_type, target, release_name, "
            + "environment, cluster, change_request_id, details, source_address";

    private final NamedParameterJdbcTemplate named;
    private final JdbcTemplate streaming;

    public AuditEventQueries(NamedParameterJdbcTemplate named, javax.sql.DataSource dataSource) {
        this.named = named;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1000);
    }

    /** A page of matching rows, newest first; {@code beforeId} continues after the last row of a previous page. */
    public List<AuditRecord> page(AuditFilter filter, Long beforeId, int offset, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder where = where(filter, params);
        if (beforeId != null) {
            where.append(" and id < :beforeId");
            params.addValue("beforeId", beforeId);
        }
        params.addValue("limit", limit).addValue("offset", offset);
        return named.query("select " + COLUMNS + " from audit_event" + where + order(filter) + " limit :limit offset :offset",
                params, AuditEventQueries::map);
    }

    /** Streams the matching rows, newest first, through a cursor (must run in a transaction for PostgreSQL to use one). */
    @Transactional(readOnly = true)
    public void stream(AuditFilter filter, Consumer<AuditRecord> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = "select " + COLUMNS + " from audit_event" + where(filter, params) + order(filter);
        new NamedParameterJdbcTemplate(streaming).query(sql, params, rs -> {
            sink.accept(map(rs, 0));
        });
    }

    /** Every row with its stored hashes, oldest first, for verifying the chain. */
    @Transactional(readOnly = true)
    public void streamChain(Consumer<ChainRow> sink) {
        streaming.query("select " + COLUMNS + ", prev_hash, hash, chain_version from audit_event order by id", rs -> {
            sink.accept(new ChainRow(map(rs, 0), rs.getBytes("prev_hash"), rs.getBytes("hash"), rs.getInt("chain_version")));
        });
    }

    /** A row with the hashes stored beside it, and how its hash was made. */
    public record ChainRow(AuditRecord record, byte[] previousHash, byte[] hash, int version) {}

    /** Everything recorded about a release, oldest first. */
    public List<AuditRecord> release(String release, int limit) {
        // the newest rows, in the order they happened: a long-lived release loses its oldest events, not its latest
        return named.query("select * from (select " + COLUMNS + " from audit_event where release_name = :release order by id desc limit :limit)"
                + " newest order by id", new MapSqlParameterSource("release", release).addValue("limit", limit), AuditEventQueries::map);
    }

    /** The distinct actions in the log (a loose index scan: fast on millions of rows). */
    public List<String> actions() {
        return named.getJdbcTemplate().queryForList("""
                with recursive a(action) as (
                    (select action from audit_event order by action limit 1)
                    union all
                    select (select e.action from audit_event e where e.action > a.action order by e.action limit 1)
                    from a where a.action is not null)
                select action from a where action is not null
                """, String.class);
    }

    /**
     * Newest first. With a time range, by time (the occurred_at index finds the range at once; walking the id
     * index back to a range months ago would read every newer row first); otherwise by id.
     */
    private static String order(AuditFilter f) {
        return f.from() != null || f.to() != null ? " order by occurred_at desc, id desc" : " order by id desc";
    }

    private static StringBuilder where(AuditFilter f, MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder(" where true");
        if (f.from() != null) {
            where.append(" and occurred_at >= :from");
            params.addValue("from", Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            where.append(" and occurred_at < :to");
            params.addValue("to", Timestamp.from(f.to()));
        }
        if (f.actor() != null) {
            where.append(" and actor = :actor");
            params.addValue("actor", f.actor());
        }
        if (f.action() != null) {
            if (f.action().endsWith(".")) { // a group: "change_request."
                where.append(" and action like :action");
                params.addValue("action", f.action().replace("%", "") + "%");
            } else {
                where.append(" and action = :action");
                params.addValue("action", f.action());
            }
        }
        if (f.outcome() != null) {
            where.append(" and outcome = :outcome");
            params.addValue("outcome", f.outcome());
        }
        if (f.target() != null) {
            List<String> any = new ArrayList<>(List.of("target = :target", "release_name = :target", "environment = :target",
                    "cluster = :target"));
            String number = f.target().startsWith("#") ? f.target().substring(1) : f.target();
            if (number.matches("\\d{1,18}")) {
                any.add("change_request_id = :number");
                params.addValue("number", Long.parseLong(number));
            }
            where.append(" and (").append(String.join(" or ", any)).append(')');
            params.addValue("target", f.target());
        }
        if (f.text() != null) {
            where.append(" and search @@ plainto_tsquery('simple', :text)");
            params.addValue("text", f.text());
        }
        return where;
    }

    private static AuditRecord map(ResultSet rs, int row) throws SQLException {
        long number = rs.getLong("change_request_id");
        Long cr = rs.wasNull() ? null : number;
        return new AuditRecord(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                rs.getString("action"), rs.getString("outcome"), rs.getString("target_type"), rs.getString("target"),
                rs.getString("release_name"), rs.getString("environment"), rs.getString("cluster"), cr,
                rs.getString("details"), rs.getString("source_address"));
    }
}
