package io.chartroom.reconcile.health;

import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.health.Health;
import io.chartroom.reconcile.health.HealthChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A unit Progressing for longer than its deadline is Degraded, with the reason. The time counts from when the
 * unit started Progressing (kept with its status), not from its last apply: a unit applied days ago that starts
 * rolling out is not Degraded at once. The deadline is the smallest among the objects still progressing: a
 * Deployment's own progressDeadlineSeconds (where a controller runs, it says so too), else
 * chartroom.reconcile.progress-deadline. "Progressing for 10 min" is a problem; "progressing for 3 s" is not.
 */
public final class ProgressDeadline {

    /** The health to record and since when the unit has been Progressing (null when it is not). */
    public record Verdict(Health health, Instant progressingSince) {}

    private ProgressDeadline() {}

    /** {@code since}: when the unit was first seen Progressing, as recorded (null: not before, it starts now). */
    public static Verdict apply(Health health, Map<ObjectRef, Map<String, Object>> live, Instant since, Instant now,
                         Duration otherwise) {
        if (health.state() != HealthState.PROGRESSING) {
            return new Verdict(health, null);
        }
        Instant start = since == null || since.isAfter(now) ? now : since;
        Duration deadline = null;
        String from = null;
        for (Map.Entry<ObjectRef, Map<String, Object>> e : live.entrySet()) {
            Map<String, Object> object = e.getValue();
            if (object == null || HealthChecks.assess(object).state() != HealthState.PROGRESSING) {
                continue; // a settled object's deadline does not bind the ones still rolling out
            }
            Duration own = otherwise;
            String source = "chartroom.reconcile.progress-deadline";
            if ("Deployment".equals(object.get("kind")) && object.get("spec") instanceof Map<?, ?> spec
                    && spec.get("progressDeadlineSeconds") instanceof Number seconds) {
                own = Duration.ofSeconds(seconds.longValue());
                source = "progressDeadlineSeconds of " + e.getKey();
            }
            if (deadline == null || own.compareTo(deadline) < 0) {
                deadline = own;
                from = source;
            }
        }
        if (deadline == null) {
            deadline = otherwise;
            from = "chartroom.reconcile.progress-deadline";
        }
        Duration progressing = Duration.between(start, now);
        if (progressing.compareTo(deadline) <= 0) {
            return new Verdict(health, start);
        }
        return new Verdict(new Health(HealthState.DEGRADED, "still progressing after " + text(progressing) + " (deadline "
                + text(deadline) + ", " + from + "): " + health.message()), start);
    }

    /** Seconds under two minutes (tests and short deadlines), minutes above. */
    static String text(Duration d) {
        return d.compareTo(Duration.ofMinutes(2)) < 0 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }
}
