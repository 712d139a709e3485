-- The reconciler's leader is the holder of a PostgreSQL advisory lock held by its session (no lease table).
drop table leader_lease;
