package io.chartroom.catalog.domain;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The registered chart repositories. */
@Repository
public class ChartRepositoryStore {

    private static final String COLUMNS = """
            id, name, type, url, oci_charts, auth_type, username, secret is not null as has_secret, ca_certificate,
            plain_http, aliases, sync_interval_seconds, bundled, created_at, created_by, updated_at, index_digest,
            index_etag, index_last_modified, next_sync_at, last_sync_id""";

    private final JdbcClient jdbc;

    public ChartRepositoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(RepositoryDraft d, byte[] encryptedSecret, boolean bundled, String by, Instant now) {
        return jdbc.sql("""
                insert into chart_repository (name, type, url, oci_charts, auth_type, username, secret, ca_certificate,
                    plain_http, aliases, sync_interval_seconds, bundled, created_at, created_by, updated_at, next_sync_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(d.name(), d.type().name(), d.url(), array(d.ociCharts()), d.authType().name(), d.username(),
                        encryptedSecret, d.caCertificate(), d.plainHttp(), array(d.aliases()),
                        (int) d.syncInterval().toSeconds(), bundled, ts(now), by, ts(now), ts(now))
                .query(Long.class).single();
    }

    /** Updates the registration; a null secret keeps the stored one. Forgets the index digest so the next sync reads it. */
    public void update(long id, RepositoryDraft d, byte[] encryptedSecret, boolean keepSecret, Instant now) {
        jdbc.sql("""
                update chart_repository set name = ?, type = ?, url = ?, oci_charts = ?, auth_type = ?, username = ?,
                    secret = case when ? then secret else ? end, ca_certificate = ?, plain_http = ?, aliases = ?,
                    sync_interval_seconds = ?, updated_at = ?, index_digest = null, index_etag = null,
                    index_last_modified = null
                where id = ?""")
                .params(d.name(), d.type().name(), d.url(), array(d.ociCharts()), d.authType().name(), d.username(),
                        keepSecret, encryptedSecret, d.caCertificate(), d.plainHttp(), array(d.aliases()),
                        (int) d.syncInterval().toSeconds(), ts(now), id)
                .update();
    }

    public boolean delete(long id) {
        return jdbc.sql("delete from chart_repository where id = ?").param(id).update() == 1;
    }

    public Optional<ChartRepository> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from chart_repository where id = ?").param(id)
                .query(ChartRepositoryStore::map).optional();
    }

    public Optional<ChartRepository> findByName(String name) {
        return jdbc.sql("select " + COLUMNS + " from chart_repository where name = ?").param(name)
                .query(ChartRepositoryStore::map).optional();
    }

    public List<ChartRepository> findAll() {
        return jdbc.sql("select " + COLUMNS + " from chart_repository order by name").query(ChartRepositoryStore::map).list();
    }

    public List<ChartRepository> findDue(Instant now) {
        return jdbc.sql("select " + COLUMNS + " from chart_repository where next_sync_at <= ? order by next_sync_at")
                .param(ts(now)).query(ChartRepositoryStore::map).list();
    }

    /** The encrypted credential, read only to authenticate. */
    public Optional<byte[]> encryptedSecret(long id) {
        return jdbc.sql("select secret from chart_repository where id = ? and secret is not null").param(id)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    public void recordIndex(long id, String digest, String etag, String lastModified) {
        jdbc.sql("update chart_repository set index_digest = ?, index_etag = ?, index_last_modified = ? where id = ?")
                .params(digest, etag, lastModified, id).update();
    }

    public void scheduleNext(long id, Instant next, Long lastSyncId) {
        jdbc.sql("update chart_repository set next_sync_at = ?, last_sync_id = coalesce(?, last_sync_id) where id = ?")
                .params(ts(next), lastSyncId, id).update();
    }

    private static SqlArrayValue array(List<String> values) {
        return new SqlArrayValue("text", values.toArray());
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    static ChartRepository map(ResultSet rs, int row) throws SQLException {
        return new ChartRepository(
                rs.getLong("id"), rs.getString("name"), RepositoryType.valueOf(rs.getString("type")), rs.getString("url"),
                strings(rs.getArray("oci_charts")), RepositoryAuth.valueOf(rs.getString("auth_type")), rs.getString("username"),
                rs.getBoolean("has_secret"), rs.getString("ca_certificate"), rs.getBoolean("plain_http"),
                strings(rs.getArray("aliases")), Duration.ofSeconds(rs.getInt("sync_interval_seconds")),
                rs.getBoolean("bundled"), instant(rs.getTimestamp("created_at")), rs.getString("created_by"),
                instant(rs.getTimestamp("updated_at")), rs.getString("index_digest"), rs.getString("index_etag"),
                rs.getString("index_last_modified"), instant(rs.getTimestamp("next_sync_at")),
                rs.getObject("last_sync_id", Long.class));
    }
}
