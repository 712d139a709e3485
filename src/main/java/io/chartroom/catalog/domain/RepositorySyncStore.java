package io.chartroom.catalog.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The history of repository syncs. */
@Repository
public class RepositorySyncStore {

    private final JdbcClient jdbc;

    public RepositorySyncStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long start(long repositoryId, String trigger, Instant at) {
        return jdbc.sql("insert into repository_sync (repository_id, trigger, started_at, status) values (?, ?, ?, 'RUNNING') returning id")
                .params(repositoryId, trigger, Timestamp.from(at)).query(Long.class).single();
    }

    public void finish(long id, RepositorySync.Status status, MergeCounts c, List<String> errors, int errorCount,
                       String message, Instant at) {
        jdbc.sql("""
                update repository_sync set finished_at = ?, status = ?, charts_added = ?, charts_removed = ?,
                    versions_added = ?, versions_updated = ?, versions_removed = ?, error_count = ?, message = ?, errors = ?
                where id = ?""")
                .params(Timestamp.from(at), status.name(), c.chartsAdded(), c.chartsRemoved(), c.versionsAdded(),
                        c.versionsUpdated(), c.versionsRemoved(), errorCount, message,
                        new SqlArrayValue("text", errors.toArray()), id)
                .update();
    }

    public Optional<RepositorySync> find(long id) {
        return jdbc.sql("select * from repository_sync where id = ?").param(id).query(RepositorySyncStore::map).optional();
    }

    public List<RepositorySync> recent(long repositoryId, int limit) {
        return jdbc.sql("select * from repository_sync where repository_id = ? order by id desc limit ?")
                .params(repositoryId, limit).query(RepositorySyncStore::map).list();
    }

    /** Syncs left RUNNING by a portal that stopped while they ran. */
    public int failAbandoned(Instant before, Instant now) {
        return jdbc.sql("""
                update repository_sync set status = 'FAILED', finished_at = ?, message = 'interrupted: the portal stopped during the sync'
                where status = 'RUNNING' and started_at < ?""")
                .params(Timestamp.from(now), Timestamp.from(before)).update();
    }

    static RepositorySync map(ResultSet rs, int row) throws SQLException {
        return new RepositorySync(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("trigger"),
                ChartRepositoryStore.instant(rs.getTimestamp("started_at")),
                ChartRepositoryStore.instant(rs.getTimestamp("finished_at")),
                RepositorySync.Status.valueOf(rs.getString("status")),
                new MergeCounts(rs.getInt("charts_added"), rs.getInt("charts_removed"), rs.getInt("versions_added"),
                        rs.getInt("versions_updated"), rs.getInt("versions_removed")),
                rs.getInt("error_count"), rs.getString("message"), ChartRepositoryStore.strings(rs.getArray("errors")));
    }
}
