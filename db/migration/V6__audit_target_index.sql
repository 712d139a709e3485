-- The audit search's target filter matches target OR release, environment, cluster, change request. Every
-- branch needs an index of its own for PostgreSQL to combine them; target alone had none (only after
-- target_type), so the filter read the whole table.
create index audit_event_target_value on audit_event (target, id desc) where target is not null;
