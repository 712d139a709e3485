package io.chartroom.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.reconcile.domain.LeaderLeaseRepository;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Two replicas, one lease in PostgreSQL: one leads; when it stops renewing, the other takes over once the lease expires. */
@IntegrationTest
class LeaderElectionTest {

    @Autowired LeaderLeaseRepository leases;

    @Test
    void exactlyOneLeadsAndAnotherTakesOverWhenTheLeaderDies() {
        Duration ttl = Duration.ofSeconds(2);
        LeaderElection first = new LeaderElection(leases, "election-test", ttl);
        LeaderElection second = new LeaderElection(leases, "election-test", ttl);
        assertThat(first.renew()).isTrue();
        assertThat(second.renew()).isFalse();
        assertThat(first.renew()).as("renewing keeps it").isTrue();
        assertThat(second.renew()).isFalse();

        // the first stops renewing (it died): the second leads once the lease has expired, not before
        long died = System.nanoTime();
        Poll.until(Duration.ofSeconds(10), second::renew, leads -> leads);
        assertThat(Duration.ofNanos(System.nanoTime() - died)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(first.renew()).as("a leader that comes back finds the lease taken").isFalse();
        assertThat(leases.holder("election-test")).contains(second.identity());
        second.resign();
        assertThat(first.renew()).isTrue();
    }
}
