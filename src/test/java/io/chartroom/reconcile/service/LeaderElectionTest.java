package io.chartroom.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two replicas, one advisory lock in PostgreSQL: one leads; when its database session ends (the process died, or
 * the database dropped it) the other takes over at its next look, and the old leader knows it no longer leads.
 */
@IntegrationTest
class LeaderElectionTest {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;

    @Test
    void exactlyOneLeadsAndAnotherTakesOverAtOnceWhenTheLeadersSessionEnds() {
        LeaderElection first = new LeaderElection(dataSource, "election-test");
        LeaderElection second = new LeaderElection(dataSource, "election-test");
        try {
            assertThat(first.renew()).isTrue();
            assertThat(second.renew()).isFalse();
            assertThat(first.renew()).as("looking again keeps it").isTrue();
            assertThat(second.renew()).isFalse();
            assertThat(second.holder()).as("named by its session").contains(first.identity());

            // the leader's session is ended as PostgreSQL ends a dead client's: the lock is free at once
            assertThat(jdbc.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?")
                    .param(first.identity()).query(Long.class).single()).isEqualTo(1);
            Poll.until(Duration.ofSeconds(5), () -> second.holder().isEmpty(), free -> free);
            assertThat(second.renew()).as("no lease to wait out").isTrue();
            assertThat(first.renew()).as("a leader that lost its session finds the lock taken").isFalse();
            assertThat(first.leader()).isFalse();
            assertThat(second.holder()).contains(second.identity());

            second.resign();
            assertThat(first.renew()).isTrue();
        } finally {
            first.resign();
            second.resign();
        }
    }
}
