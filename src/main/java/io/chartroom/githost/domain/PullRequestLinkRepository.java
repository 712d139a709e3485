package io.chartroom.githost.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which pull request on the host belongs to which change request. */
@Repository
public class PullRequestLinkRepository {

    private final JdbcClient jdbc;

    public PullRequestLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PullRequestLink> find(long changeRequestId) {
        return jdbc.sql("select * from pull_request where change_request_id = ?").param(changeRequestId).query(PullRequestLinkRepository::map).optional();
    }

    /** The change request whose pull request this is on the host's repository. */
    public Optional<PullRequestLink> findByNumber(GitHostKind kind, String repository, long number) {
        return jdbc.sql("select * from pull_request where host_kind = ? and repository = ? and number = ?").params(kind.name(), repository, number)
                .query(PullRequestLinkRepository::map).optional();
    }

    public void opened(long changeRequestId, GitHostKind kind, String repository, long number, String url, Instant at) {
        jdbc.sql("""
                insert into pull_request (change_request_id, host_kind, repository, number, url, updated_at) values (?, ?, ?, ?, ?, ?)
                on conflict (change_request_id) do update set host_kind = excluded.host_kind, repository = excluded.repository,
                    number = excluded.number, url = excluded.url, comment_id = null, published_head = null, updated_at = excluded.updated_at""")
                .params(changeRequestId, kind.name(), repository, number, url, Timestamp.from(at)).update();
    }

    /** A pull request opened by hand on the host, adopted as the change request. */
    public void adopted(long changeRequestId, GitHostKind kind, String repository, long number, String url, String branch, Instant at) {
        jdbc.sql("""
                insert into pull_request (change_request_id, host_kind, repository, number, url, host_branch, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)""").params(changeRequestId, kind.name(), repository, number, url, branch, Timestamp.from(at)).update();
    }

    public void commented(long changeRequestId, long commentId) {
        jdbc.sql("update pull_request set comment_id = ? where change_request_id = ?").params(commentId, changeRequestId).update();
    }

    public void published(long changeRequestId, long commentId, String head, Instant at) {
        jdbc.sql("update pull_request set comment_id = ?, published_head = ?, last_error = null, updated_at = ? where change_request_id = ?")
                .params(commentId, head, Timestamp.from(at), changeRequestId).update();
    }

    public void failed(long changeRequestId, String error, Instant at) {
        jdbc.sql("update pull_request set last_error = ?, updated_at = ? where change_request_id = ?")
                .params(error, Timestamp.from(at), changeRequestId).update();
    }

    private static PullRequestLink map(ResultSet rs, int row) throws SQLException {
        long comment = rs.getLong("comment_id");
        @Nullable Long commentId = rs.wasNull() ? null : comment;
        return new PullRequestLink(rs.getLong("change_request_id"), GitHostKind.valueOf(rs.getString("host_kind")), rs.getString("repository"),
                rs.getLong("number"), rs.getString("url"), commentId, rs.getString("published_head"), rs.getString("last_error"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("host_branch"));
    }
}
