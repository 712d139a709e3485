-- Only for EmbeddedDatabaseAccessTest: a migration as the portal's role needs to own what it changes.
alter table audit_event add column portal_role_check text;
alter table audit_event drop column portal_role_check;
create or replace function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
create table portal_role_check (id bigint generated always as identity primary key, at timestamptz not null default now());
insert into portal_role_check default values;
alter sequence standalone_counter restart with 5;
