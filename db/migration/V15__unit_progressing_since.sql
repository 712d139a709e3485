-- When a unit started Progressing (null while it is not): the progress deadline counts from here, not from the
-- last apply, so that a unit applied days ago that starts rolling out (a node drained, a scale-up) is not
-- Degraded at once.
alter table unit_status add column progressing_since timestamptz;
