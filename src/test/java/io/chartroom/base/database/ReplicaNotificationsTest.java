package io.chartroom.base.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.changes.service.ChangeRequestUpdates;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 22, item 3: what changes on one instance reaches the views open on the others. Another instance is played
 * by a session of the test's own on the same database: what it notifies reaches this instance's listeners of change
 * requests and unit statuses, and what this instance publishes reaches that session.
 */
@IntegrationTest
class ReplicaNotificationsTest {

    @Autowired ReplicaNotifications notifications;
    @Autowired ChangeRequestUpdates changeRequests;
    @Autowired UnitStatusUpdates units;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;

    @Test
    void anotherInstancesChangesReachThisInstancesViewsAndThisOnesReachTheOthers() throws Exception {
        List<Long> changed = new CopyOnWriteArrayList<>();
        List<UnitKey> statuses = new CopyOnWriteArrayList<>();
        Runnable stopChanges = changeRequests.listen(changed::add);
        Runnable stopStatuses = units.listen(statuses::add);
        try {
            jdbc.sql("select pg_notify(?, ?)").params(ReplicaNotifications.CHANNEL, "another-instance change_request 4242").query().singleRow();
            jdbc.sql("select pg_notify(?, ?)").params(ReplicaNotifications.CHANNEL, "another-instance unit_status shop\tproduction\tprod-1")
                    .query().singleRow();
            Poll.until(Duration.ofSeconds(10), () -> changed.contains(4242L) && statuses.contains(new UnitKey("shop", "production", "prod-1")), b -> b);

            try (Connection other = OwnConnection.open(dataSource)) {
                other.setAutoCommit(true);
                try (Statement listen = other.createStatement()) {
                    listen.execute("listen " + ReplicaNotifications.CHANNEL);
                }
                List<String> local = new CopyOnWriteArrayList<>();
                Runnable stopProbe = notifications.subscribe("probe", local::add);
                notifications.publish("probe", "from-this-instance");
                List<String> heard = new ArrayList<>();
                Poll.until(Duration.ofSeconds(10), () -> {
                    try {
                        PGNotification[] received = other.unwrap(PGConnection.class).getNotifications(200);
                        if (received != null) {
                            for (PGNotification n : received) {
                                heard.add(n.getParameter());
                            }
                        }
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return heard.stream().anyMatch(h -> h.endsWith(" probe from-this-instance"));
                }, b -> b);
                stopProbe.run();
                assertThat(local).as("this instance's own notification is not handed to it again").isEmpty();
            }
        } finally {
            stopChanges.run();
            stopStatuses.run();
        }
    }
}
