-- Units whose objects stay on the cluster until an ADMIN confirms their removal: ORPHANED (the environment no
-- longer selects the cluster: a label, a selector or the cluster changed, not a change request) and
-- PRUNE_PENDING (one pass would delete more objects than chartroom.reconcile.prune-confirm-above).
alter table unit_status drop constraint unit_status_sync_check;
alter table unit_status add constraint unit_status_sync_check
    check (sync in ('SYNCED', 'OUT_OF_SYNC', 'FAILED', 'UNKNOWN', 'ORPHANED', 'PRUNE_PENDING'));
alter table unit_status add column removal_confirmed_by text;
