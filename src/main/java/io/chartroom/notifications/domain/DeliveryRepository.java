package io.chartroom.notifications.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The delivery log and retry queue of notifications. */
@Repository
public class DeliveryRepository {

    /** A due delivery with its payload, claimed by one sender. */
    public record Due(long id, long targetId, String event, String payload, int attempts) {}

    private final JdbcClient jdbc;

    public DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long enqueue(long targetId, String event, String title, String payload, Instant at) {
        return jdbc.sql("""
                insert into notification_delivery (target_id, event, title, payload, status, created_at, next_attempt_at)
                values (?, ?, ?, ?, 'PENDING', ?, ?) returning id""")
                .params(targetId, event, title, payload, Timestamp.from(at), Timestamp.from(at)).query(Long.class).single();
    }

    /**
     * Claims the due deliveries (another replica skips them) and moves their next attempt out of the way while they
     * are sent: a sender that dies mid-send leaves them due again after {@code lease}.
     */
    public List<Due> claimDue(Instant now, java.time.Duration lease, int limit) {
        return jdbc.sql("""
                update notification_delivery set next_attempt_at = ? where id in (
                    select id from notification_delivery where status = 'PENDING' and next_attempt_at <= ?
                    order by next_attempt_at limit ? for update skip locked)
                returning id, target_id, event, payload, attempts""")
                .params(Timestamp.from(now.plus(lease)), Timestamp.from(now), limit)
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getLong("target_id"), rs.getString("event"), rs.getString("payload"),
                        rs.getInt("attempts"))).list();
    }

    public void delivered(long id, int response, Instant at) {
        jdbc.sql("""
                update notification_delivery set status = 'DELIVERED', attempts = attempts + 1, last_response = ?, last_error = null,
                    delivered_at = ?, next_attempt_at = null where id = ?""").params(response, Timestamp.from(at), id).update();
    }

    /** A failed attempt: tried again at {@code next}, or failed for good when {@code next} is null. */
    public void attemptFailed(long id, @Nullable Integer response, String error, @Nullable Instant next) {
        jdbc.sql("""
                update notification_delivery set attempts = attempts + 1, last_response = ?, last_error = ?, next_attempt_at = ?,
                    status = case when ?::timestamptz is null then 'FAILED' else 'PENDING' end where id = ?""")
                .params(response, error, next == null ? null : Timestamp.from(next), next == null ? null : Timestamp.from(next), id).update();
    }

    public List<Delivery> recent(int offset, int limit) {
        return jdbc.sql("""
                select d.*, t.name as target_name from notification_delivery d join notification_target t on t.id = d.target_id
                order by d.created_at desc, d.id desc offset ? limit ?""").params(offset, limit).query((rs, n) -> map(rs)).list();
    }

    public int count() {
        return jdbc.sql("select count(*) from notification_delivery").query(Integer.class).single();
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        int response = rs.getInt("last_response");
        Integer lastResponse = rs.wasNull() ? null : response;
        Timestamp next = rs.getTimestamp("next_attempt_at");
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new Delivery(rs.getLong("id"), rs.getLong("target_id"), rs.getString("target_name"), rs.getString("event"), rs.getString("title"),
                Delivery.Status.valueOf(rs.getString("status")), rs.getInt("attempts"), lastResponse, rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), next == null ? null : next.toInstant(), delivered == null ? null : delivered.toInstant());
    }
}
