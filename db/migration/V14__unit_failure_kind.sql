-- Why a unit failed, so that a permanent failure (the chart does not render, the cluster refuses the objects as
-- invalid or forbidden, a conflict with another field manager) waits for a change instead of being retried on a
-- back-off like a network blip; and with which inputs, so that a change to them is tried at once.
alter table unit_status add column failure_kind text check (failure_kind in ('TRANSIENT', 'PERMANENT', 'CONFLICT'));
alter table unit_status add column failed_inputs text;
