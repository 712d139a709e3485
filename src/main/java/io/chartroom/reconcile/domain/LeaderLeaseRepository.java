package io.chartroom.reconcile.domain;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A lease in PostgreSQL: held while renewed, taken over by another holder once it expires. */
@Repository
public class LeaderLeaseRepository {

    private final JdbcClient jdbc;

    public LeaderLeaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes or renews the lease; true if {@code holder} holds it now. Uses the database's clock for all holders. */
    public boolean acquire(String name, String holder, Duration ttl) {
        return jdbc.sql("""
                insert into leader_lease (name, holder, expires_at) values (?, ?, now() + make_interval(secs => ?))
                on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
                where leader_lease.holder = excluded.holder or leader_lease.expires_at < now()""")
                .params(name, holder, (double) ttl.toMillis() / 1000).update() == 1;
    }

    public void release(String name, String holder) {
        jdbc.sql("delete from leader_lease where name = ? and holder = ?").params(name, holder).update();
    }

    public java.util.Optional<String> holder(String name) {
        return jdbc.sql("select holder from leader_lease where name = ? and expires_at >= now()").param(name).query(String.class).optional();
    }
}
