-- A unit whose objects are stopped on purpose (a paused Deployment, a suspended Job or CronJob) is SUSPENDED:
-- not a problem, and not waited for. unit_history.health has no check.
alter table unit_status drop constraint unit_status_health_check;
alter table unit_status add constraint unit_status_health_check
    check (health in ('HEALTHY', 'SUSPENDED', 'PROGRESSING', 'DEGRADED', 'MISSING', 'UNKNOWN'));
