package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.List;

/**
 * batch/Job, as Argo CD judges it: Failed is DEGRADED (backoff limit or deadline exceeded), Complete is HEALTHY,
 * suspended ({@code spec.suspend}, or the controller's Suspended condition) is SUSPENDED; anything else is still
 * running. A finished Job stays finished whatever its spec says now, so the conditions come first.
 */
final class JobHealth extends TypedHealthCheck<Job> {

    JobHealth() {
        super(Job.class);
    }

    @Override
    Health check(Job job) {
        JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
        List<JobCondition> conditions = status.getConditions();
        JobCondition failed = condition(conditions, JobCondition::getType, "Failed").filter(JobHealth::isTrue).orElse(null);
        if (failed != null) {
            return Health.degraded("the job failed: " + why(failed.getReason(), failed.getMessage()));
        }
        if (condition(conditions, JobCondition::getType, "Complete").filter(JobHealth::isTrue).isPresent()) {
            return Health.healthy();
        }
        boolean suspendedByController = condition(conditions, JobCondition::getType, "Suspended").filter(JobHealth::isTrue).isPresent();
        if (suspendedByController || job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend())) {
            return Health.suspended("the job is suspended");
        }
        return Health.progressing("running: " + number(status.getActive()) + " active, " + number(status.getSucceeded()) + " succeeded"
                + (number(status.getFailed()) > 0 ? ", " + status.getFailed() + " failed" : ""));
    }

    private static boolean isTrue(JobCondition condition) {
        return "True".equals(condition.getStatus());
    }
}
