-- One round trip instead of three before each audit append: take the appends' transaction-scoped advisory lock,
-- read the chain's head and take the next id. The statement inside runs with a snapshot taken after the lock is
-- held (a volatile function in READ COMMITTED), so it sees the head the previous append committed, as the separate
-- statements did. The lock is still held until the appending transaction ends: that is what orders the chain.
create function audit_reserve(lock_key bigint, out next_id bigint, out last_id bigint, out last_hash bytea) as $$
begin
    perform pg_advisory_xact_lock(lock_key);
    select e.id, e.hash into last_id, last_hash from audit_event e order by e.id desc limit 1;
    next_id := nextval('audit_event_id_seq');
end
$$ language plpgsql volatile;
