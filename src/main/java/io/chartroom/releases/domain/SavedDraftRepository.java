package io.chartroom.releases.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sealed release drafts, one per user and draft key (see V20). */
@Repository
public class SavedDraftRepository {

    /** A draft as stored: sealed bytes and when they were saved. */
    public record Row(byte[] sealed, Instant savedAt) {}

    private final JdbcClient jdbc;

    public SavedDraftRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(String username, String key, byte[] sealed, Instant at) {
        jdbc.sql("""
                insert into saved_draft (username, draft_key, sealed, saved_at) values (?, ?, ?, ?)
                on conflict (username, draft_key) do update set sealed = excluded.sealed, saved_at = excluded.saved_at""")
                .params(username, key, sealed, Timestamp.from(at)).update();
    }

    public Optional<Row> find(String username, String key) {
        return jdbc.sql("select sealed, saved_at from saved_draft where username = ? and draft_key = ?").params(username, key)
                .query((rs, n) -> new Row(rs.getBytes(1), rs.getTimestamp(2).toInstant())).optional();
    }

    public void delete(String username, String key) {
        jdbc.sql("delete from saved_draft where username = ? and draft_key = ?").params(username, key).update();
    }
}
