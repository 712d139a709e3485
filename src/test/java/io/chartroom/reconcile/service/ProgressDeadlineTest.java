package io.chartroom.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.health.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressDeadlineTest {

    static final Instant APPLIED = Instant.parse("2026-12-03T10:00:00Z");
    static final Health ROLLING = new Health(HealthState.PROGRESSING, "Deployment shop/web: 0/2 ready");

    @Test
    void progressingPastTheDeploymentsDeadlineIsDegradedWithTheReason() {
        Map<ObjectRef, Map<String, Object>> live = Map.of(new ObjectRef("apps/v1", "Deployment", "shop", "web"),
                Map.of("kind", "Deployment", "spec", Map.of("progressDeadlineSeconds", 120)));
        assertThat(ProgressDeadline.apply(ROLLING, live, APPLIED, APPLIED.plusSeconds(60), Duration.ofMinutes(10))).isEqualTo(ROLLING);
        Health late = ProgressDeadline.apply(ROLLING, live, APPLIED, APPLIED.plusSeconds(181), Duration.ofMinutes(10));
        assertThat(late.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(late.message()).isEqualTo("still progressing after 3 min (deadline 2 min): Deployment shop/web: 0/2 ready");
    }

    @Test
    void withoutADeploymentTheSettingDecidesAndOtherStatesAreLeftAlone() {
        Map<ObjectRef, Map<String, Object>> live = Map.of(new ObjectRef("apps/v1", "StatefulSet", "shop", "db"), Map.of("kind", "StatefulSet"));
        assertThat(ProgressDeadline.apply(ROLLING, live, APPLIED, APPLIED.plusSeconds(9 * 60), Duration.ofMinutes(10))).isEqualTo(ROLLING);
        assertThat(ProgressDeadline.apply(ROLLING, live, APPLIED, APPLIED.plusSeconds(11 * 60), Duration.ofMinutes(10)).state())
                .isEqualTo(HealthState.DEGRADED);
        Health healthy = Health.healthy();
        assertThat(ProgressDeadline.apply(healthy, live, APPLIED, APPLIED.plusSeconds(3600), Duration.ofMinutes(10))).isEqualTo(healthy);
    }
}
