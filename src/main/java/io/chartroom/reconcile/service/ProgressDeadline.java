package io.chartroom.reconcile.service;

import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.health.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A unit Progressing for longer than its deadline is Degraded, with the reason: a Deployment's own
 * progressDeadlineSeconds where it has one (where a controller runs, it says so too), else
 * chartroom.reconcile.progress-deadline. "Progressing for 10 min" is a problem; "progressing for 3 s" is not.
 */
final class ProgressDeadline {

    private ProgressDeadline() {}

    static Health apply(Health health, Map<ObjectRef, Map<String, Object>> live, Instant appliedAt, Instant now, Duration otherwise) {
        if (health.state() != HealthState.PROGRESSING || appliedAt == null) {
            return health;
        }
        Duration deadline = otherwise;
        for (Map<String, Object> object : live.values()) {
            if (object != null && "Deployment".equals(object.get("kind")) && object.get("spec") instanceof Map<?, ?> spec
                    && spec.get("progressDeadlineSeconds") instanceof Number seconds) {
                deadline = Duration.ofSeconds(seconds.longValue());
            }
        }
        Duration progressing = Duration.between(appliedAt, now);
        return progressing.compareTo(deadline) > 0
                ? new Health(HealthState.DEGRADED, "still progressing after " + progressing.toMinutes() + " min (deadline "
                        + deadline.toMinutes() + " min): " + health.message())
                : health;
    }
}
