package io.chartroom.notifications.domain;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Notification targets; their URLs and secrets stay sealed here and are opened only to send. */
@Repository
public class NotificationTargetRepository {

    /** A target with what it takes to send to it, still sealed. */
    public record Sealed(NotificationTarget target, byte[] url, byte @Nullable [] secret) {}

    private final JdbcClient jdbc;

    public NotificationTargetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String name, NotificationTarget.Kind kind, byte[] url, String urlHost, byte @Nullable [] secret, List<NotificationKind> events,
                       List<String> environments, List<String> teams, String by, Instant at) {
        return jdbc.sql("""
                insert into notification_target (name, kind, url_sealed, url_host, secret, events, environments, teams, created_by, created_at)
                values (?, ?, ?, ?, ?, ?::text[], ?::text[], ?::text[], ?, ?) returning id""")
                .params(name, kind.name(), url, urlHost, secret, array(events.stream().map(Enum::name).toList()), array(environments), array(teams),
                        by, Timestamp.from(at)).query(Long.class).single();
    }

    public List<NotificationTarget> findAll() {
        return jdbc.sql("select * from notification_target order by name").query((rs, n) -> map(rs)).list();
    }

    public List<Sealed> findAllSealed() {
        return jdbc.sql("select * from notification_target").query((rs, n) -> new Sealed(map(rs), rs.getBytes("url_sealed"), rs.getBytes("secret"))).list();
    }

    public Optional<Sealed> findSealed(long id) {
        return jdbc.sql("select * from notification_target where id = ?").param(id)
                .query((rs, n) -> new Sealed(map(rs), rs.getBytes("url_sealed"), rs.getBytes("secret"))).optional();
    }

    public Optional<NotificationTarget> findByName(String name) {
        return jdbc.sql("select * from notification_target where name = ?").param(name).query((rs, n) -> map(rs)).optional();
    }

    public boolean any() {
        return jdbc.sql("select exists (select 1 from notification_target)").query(Boolean.class).single();
    }

    public boolean delete(long id) {
        return jdbc.sql("delete from notification_target where id = ?").param(id).update() > 0;
    }

    /** Postgres array literal of plain words (names were validated: no quotes, commas or braces). */
    private static String array(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private static NotificationTarget map(ResultSet rs) throws SQLException {
        return new NotificationTarget(rs.getLong("id"), rs.getString("name"), NotificationTarget.Kind.valueOf(rs.getString("kind")),
                rs.getString("url_host"), rs.getBytes("secret") != null,
                strings(rs.getArray("events")).stream().map(NotificationKind::valueOf).toList(),
                strings(rs.getArray("environments")), strings(rs.getArray("teams")), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
