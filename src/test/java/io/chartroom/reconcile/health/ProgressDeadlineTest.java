package io.chartroom.reconcile.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.health.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressDeadlineTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    static final Duration SETTING = Duration.ofMinutes(10);
    static final Health ROLLING = new Health(HealthState.PROGRESSING, "Deployment shop/web: 0 of 2 replicas updated");
    static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "shop", "web");
    static final ObjectRef WORKER = new ObjectRef("apps/v1", "Deployment", "shop", "worker");
    static final ObjectRef DB = new ObjectRef("apps/v1", "StatefulSet", "shop", "db");

    static Map<String, Object> rollingDeployment(int deadlineSeconds) {
        return Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "web", "generation", 1),
                "spec", Map.of("replicas", 2, "progressDeadlineSeconds", deadlineSeconds), "status", Map.of("observedGeneration", 1));
    }

    static Map<String, Object> rolledOutDeployment(int deadlineSeconds) {
        return Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "web", "generation", 1),
                "spec", Map.of("replicas", 2, "progressDeadlineSeconds", deadlineSeconds),
                "status", Map.of("observedGeneration", 1, "replicas", 2, "updatedReplicas", 2, "availableReplicas", 2));
    }

    static Map<String, Object> rollingStatefulSet() {
        return Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "metadata", Map.of("name", "db", "generation", 1),
                "spec", Map.of("replicas", 1), "status", Map.of("observedGeneration", 1, "readyReplicas", 0));
    }

    @Test
    void theDeadlineCountsFromWhenTheUnitStartedProgressingNotFromItsLastApply() {
        Map<ObjectRef, Map<String, Object>> live = Map.of(WEB, rollingDeployment(120));
        // applied days ago, healthy since, and just started rolling (nothing recorded yet): it starts now, not Degraded
        ProgressDeadline.Verdict starting = ProgressDeadline.apply(ROLLING, live, null, NOW, SETTING);
        assertThat(starting.health()).isEqualTo(ROLLING);
        assertThat(starting.progressingSince()).isEqualTo(NOW);

        ProgressDeadline.Verdict within = ProgressDeadline.apply(ROLLING, live, NOW, NOW.plusSeconds(60), SETTING);
        assertThat(within.health()).isEqualTo(ROLLING);
        assertThat(within.progressingSince()).as("kept, not moved").isEqualTo(NOW);

        ProgressDeadline.Verdict late = ProgressDeadline.apply(ROLLING, live, NOW, NOW.plusSeconds(181), SETTING);
        assertThat(late.health().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(late.health().message()).isEqualTo("still progressing after 3 min (deadline 2 min, progressDeadlineSeconds of "
                + "Deployment shop/web): Deployment shop/web: 0 of 2 replicas updated");
        assertThat(late.progressingSince()).isEqualTo(NOW);
    }

    @Test
    void withSeveralDeploymentsTheSmallestDeadlineOfThoseStillRollingOutBinds() {
        Map<ObjectRef, Map<String, Object>> both = new LinkedHashMap<>();
        both.put(WEB, rollingDeployment(600));
        both.put(WORKER, rollingDeployment(30));
        assertThat(ProgressDeadline.apply(ROLLING, both, NOW, NOW.plusSeconds(29), SETTING).health().state()).isEqualTo(HealthState.PROGRESSING);
        assertThat(ProgressDeadline.apply(ROLLING, both, NOW, NOW.plusSeconds(31), SETTING).health().message())
                .startsWith("still progressing after 31 s (deadline 30 s, progressDeadlineSeconds of Deployment shop/worker)");

        Map<ObjectRef, Map<String, Object>> workerDone = new LinkedHashMap<>();
        workerDone.put(WEB, rollingDeployment(600));
        workerDone.put(WORKER, rolledOutDeployment(30));
        assertThat(ProgressDeadline.apply(ROLLING, workerDone, NOW, NOW.plusSeconds(31), SETTING).health())
                .as("a rolled-out Deployment's deadline does not bind the others").isEqualTo(ROLLING);
    }

    @Test
    void withoutADeploymentTheSettingDecidesAndOtherStatesAreLeftAlone() {
        Map<ObjectRef, Map<String, Object>> live = Map.of(DB, rollingStatefulSet());
        assertThat(ProgressDeadline.apply(ROLLING, live, NOW, NOW.plusSeconds(9 * 60), SETTING).health()).isEqualTo(ROLLING);
        assertThat(ProgressDeadline.apply(ROLLING, live, NOW, NOW.plusSeconds(11 * 60), SETTING).health().message())
                .startsWith("still progressing after 11 min (deadline 10 min, chartroom.reconcile.progress-deadline)");

        // a Deployment with a short deadline beside a StatefulSet rolling out: the smaller of the two binds
        Map<ObjectRef, Map<String, Object>> mixed = new LinkedHashMap<>(live);
        mixed.put(WEB, rollingDeployment(120));
        assertThat(ProgressDeadline.apply(ROLLING, mixed, NOW, NOW.plusSeconds(121), SETTING).health().state()).isEqualTo(HealthState.DEGRADED);

        for (Health other : new Health[] {Health.healthy(),
                new Health(HealthState.MISSING, "gone"), new Health(HealthState.DEGRADED, "crash loop")}) {
            ProgressDeadline.Verdict verdict = ProgressDeadline.apply(other, live, NOW, NOW.plusSeconds(3600), SETTING);
            assertThat(verdict.health()).isEqualTo(other);
            assertThat(verdict.progressingSince()).as("no longer progressing: the next rollout counts anew").isNull();
        }
    }
}
