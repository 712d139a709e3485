package io.chartroom.security.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ApiTokenRepository {

    private final JdbcClient jdbc;

    public ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String owner, String name, String prefix, byte[] hash, Instant createdAt, Instant expiresAt) {
        return jdbc.sql("""
                insert into api_token (owner, name, token_prefix, token_hash, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?) returning id
                """)
                .params(owner, name, prefix, hash, Timestamp.from(createdAt), expiresAt == null ? null : Timestamp.from(expiresAt))
                .query(Long.class).single();
    }

    public Optional<ApiToken> findByHash(byte[] hash) {
        return jdbc.sql("select * from api_token where token_hash = ?").param(hash).query(ApiTokenRepository::map).optional();
    }

    public Optional<ApiToken> find(long id) {
        return jdbc.sql("select * from api_token where id = ?").param(id).query(ApiTokenRepository::map).optional();
    }

    public List<ApiToken> findByOwner(String owner) {
        return jdbc.sql("select * from api_token where owner = ? order by created_at desc, id desc")
                .param(owner).query(ApiTokenRepository::map).list();
    }

    public List<ApiToken> findAll() {
        return jdbc.sql("select * from api_token order by owner, created_at desc").query(ApiTokenRepository::map).list();
    }

    /** Marks the token revoked; false when it was revoked already. */
    public boolean revoke(long id, String by, Instant at) {
        return jdbc.sql("update api_token set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(at), by, id).update() == 1;
    }

    /** Last use, kept at minute precision so that a busy script does not write on every request. */
    public void touch(long id, Instant at) {
        jdbc.sql("update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(Timestamp.from(at), id, Timestamp.from(at.minusSeconds(60))).update();
    }

    static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(
                rs.getLong("id"),
                rs.getString("owner"),
                rs.getString("name"),
                rs.getString("token_prefix"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
