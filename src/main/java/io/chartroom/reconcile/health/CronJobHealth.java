package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * batch/CronJob, as Argo CD's bundled check judges it: suspended is SUSPENDED; a run in progress or one that never
 * finished yet is HEALTHY (it cannot be told from a slow one); DEGRADED only when the last scheduled run ended
 * without success (last success before the last schedule, nothing active). Unlike Argo CD, a CronJob without a
 * status is HEALTHY, not Progressing: nothing will come until its schedule fires, and a real API server answers
 * an empty status anyway.
 */
final class CronJobHealth extends TypedHealthCheck<CronJob> {

    CronJobHealth() {
        super(CronJob.class);
    }

    @Override
    Health check(CronJob cronJob) {
        if (cronJob.getSpec() != null && Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
            return Health.suspended("the cron job is suspended");
        }
        CronJobStatus status = cronJob.getStatus() == null ? new CronJobStatus() : cronJob.getStatus();
        if (status.getLastScheduleTime() == null) {
            return Health.healthy("not scheduled yet");
        }
        if (status.getActive() != null && !status.getActive().isEmpty()) {
            return Health.healthy(status.getActive().size() == 1 ? "a job is running" : status.getActive().size() + " jobs are running");
        }
        if (status.getLastSuccessfulTime() == null) {
            return Health.healthy("no run has succeeded yet");
        }
        try {
            if (Instant.parse(status.getLastSuccessfulTime()).isBefore(Instant.parse(status.getLastScheduleTime()))) {
                return Health.degraded("the last run, scheduled " + status.getLastScheduleTime() + ", did not succeed (last success "
                        + status.getLastSuccessfulTime() + ")");
            }
        } catch (DateTimeParseException e) {
            return Health.unknown("cannot read the run times: " + e.getParsedString());
        }
        return Health.healthy();
    }
}
