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
        return jdbc.sql("""
                        select kind, api_url, repository, updated_by, updated_at, webhook_secret is not null as webhook_set, count_host_reviews,
                            app_id, app_installation_id from git_host""")
                .query((rs, n) -> new GitHost(GitHostKind.valueOf(rs.getString("kind")), rs.getString("api_url"), rs.getString("repository"),
                        rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant(), rs.getBoolean("webhook_set"),
                        rs.getBoolean("count_host_reviews"),
                        rs.getString("app_id") == null ? null : new GitHubApp(rs.getString("app_id"), rs.getLong("app_installation_id"))))
                .optional();
    }

    /** The sealed credential: the token, or the GitHub App's private key when {@link GitHost#app()} is set. */
    public Optional<byte[]> sealedToken() {
        return jdbc.sql("select token from git_host").query(byte[].class).optional();
    }

    public void save(GitHost host, byte[] sealedToken) {
        jdbc.sql("""
                insert into git_host (id, kind, api_url, repository, token, updated_by, updated_at, count_host_reviews, app_id, app_installation_id)
                values (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set kind = excluded.kind, api_url = excluded.api_url, repository = excluded.repository,
                    token = excluded.token, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
                    count_host_reviews = excluded.count_host_reviews, app_id = excluded.app_id, app_installation_id = excluded.app_installation_id""")
                .params(host.kind().name(), host.apiUrl(), host.repository(), sealedToken, host.updatedBy(), Timestamp.from(host.updatedAt()),
                        host.countHostReviews(), appId(host), installationId(host))
                .update();
    }

    private static String appId(GitHost host) {
        return host.app() == null ? null : host.app().appId();
    }

    private static Long installationId(GitHost host) {
        return host.app() == null ? null : host.app().installationId();
    }

    public Optional<byte[]> sealedWebhookSecret() {
        return jdbc.sql("select webhook_secret from git_host where webhook_secret is not null").query(byte[].class).optional();
    }

    public void saveWebhookSecret(byte[] sealed) {
        jdbc.sql("update git_host set webhook_secret = ?").param(sealed).update();
    }

    /** Records a webhook delivery; false when its id was seen before (a replay). */
    public boolean firstDelivery(String deliveryId, String event, java.time.Instant at) {
        return jdbc.sql("insert into git_host_delivery (delivery_id, event, received_at) values (?, ?, ?) on conflict do nothing")
                .params(deliveryId, event, Timestamp.from(at)).update() == 1;
    }

    /** Forgets delivery ids older than {@code before}: hosts redeliver within hours, not weeks. */
    public int forgetDeliveries(java.time.Instant before) {
        return jdbc.sql("delete from git_host_delivery where received_at < ?").param(Timestamp.from(before)).update();
    }

    public boolean delete() {
        return jdbc.sql("delete from git_host").update() > 0;
    }

    /** For a change of the host that keeps the token: the row's token as it is. */
    public void saveKeepingToken(GitHost host) {
        jdbc.sql("""
                update git_host set kind = ?, api_url = ?, repository = ?, updated_by = ?, updated_at = ?, count_host_reviews = ?,
                    app_id = ?, app_installation_id = ?""")
                .params(host.kind().name(), host.apiUrl(), host.repository(), host.updatedBy(), Timestamp.from(host.updatedAt()),
                        host.countHostReviews(), appId(host), installationId(host)).update();
    }
}
