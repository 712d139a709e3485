package io.chartroom.githost.domain;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one row of the installation's Git host; its token stays sealed here and is opened only by the service. */
@Repository
public class GitHostRepository {

    private final JdbcClient jdbc;

    public GitHostRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<GitHost> find() {
        return jdbc.sql("select kind, api_url, repository, updated_by, updated_at from git_host").query((rs, n) -> new GitHost(
                GitHostKind.valueOf(rs.getString("kind")), rs.getString("api_url"), rs.getString("repository"),
                rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant())).optional();
    }

    public Optional<byte[]> sealedToken() {
        return jdbc.sql("select token from git_host").query(byte[].class).optional();
    }

    public void save(GitHost host, byte[] sealedToken) {
        jdbc.sql("""
                insert into git_host (id, kind, api_url, repository, token, updated_by, updated_at) values (1, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set kind = excluded.kind, api_url = excluded.api_url, repository = excluded.repository,
                    token = excluded.token, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(host.kind().name(), host.apiUrl(), host.repository(), sealedToken, host.updatedBy(), Timestamp.from(host.updatedAt()))
                .update();
    }

    public boolean delete() {
        return jdbc.sql("delete from git_host").update() > 0;
    }

    /** For a change of the host that keeps the token: the row's token as it is. */
    public void saveKeepingToken(GitHost host) {
        jdbc.sql("update git_host set kind = ?, api_url = ?, repository = ?, updated_by = ?, updated_at = ?")
                .params(host.kind().name(), host.apiUrl(), host.repository(), host.updatedBy(), Timestamp.from(host.updatedAt())).update();
    }
}
