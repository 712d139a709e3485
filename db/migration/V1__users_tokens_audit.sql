-- Users Chartroom has seen log in, with the roles and teams of their last login.
create table app_user (
    username      text primary key,
    display_name  text        not null,
    email         text,
    roles         text[]      not null,
    teams         text[]      not null,
    source        text        not null,      -- DEV or OIDC
    first_seen_at timestamptz not null,
    last_login_at timestamptz
);

-- Personal access tokens: only a SHA-256 hash of the secret is kept.
create table api_token (
    id           bigint generated always as identity primary key,
    owner        text        not null references app_user (username),
    name         text        not null,
    token_prefix text        not null,
    token_hash   bytea       not null unique,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   text
);
create index api_token_owner on api_token (owner);

-- The audit log. Rows are chained: hash = SHA-256(previous hash + this row), so a changed or removed row
-- shows up when the chain is verified. The database itself refuses UPDATE, DELETE and TRUNCATE.
create table audit_event (
    id                bigint primary key,
    occurred_at       timestamptz not null,
    actor             text        not null,
    action            text        not null,
    outcome           text        not null check (outcome in ('SUCCESS', 'FAILURE', 'DENIED')),
    target_type       text,
    target            text,
    release_name      text,
    environment       text,
    cluster           text,
    change_request_id bigint,
    details           text        not null,  -- a JSON object with sorted keys, hashed as stored
    source_address    text,
    prev_hash         bytea,
    hash              bytea       not null,
    search            tsvector generated always as (
        to_tsvector('simple', actor || ' ' || action || ' ' || coalesce(target, '') || ' ' ||
                              coalesce(release_name, '') || ' ' || coalesce(environment, '') || ' ' ||
                              coalesce(cluster, '') || ' ' || details)) stored
);
create sequence audit_event_id_seq owned by audit_event.id;
create index audit_event_occurred_at on audit_event (occurred_at desc, id desc);
create index audit_event_actor on audit_event (actor, id desc);
create index audit_event_action on audit_event (action, id desc);
create index audit_event_release on audit_event (release_name, id desc) where release_name is not null;
create index audit_event_environment on audit_event (environment, id desc) where environment is not null;
create index audit_event_cluster on audit_event (cluster, id desc) where cluster is not null;
create index audit_event_change_request on audit_event (change_request_id, id desc) where change_request_id is not null;
create index audit_event_target on audit_event (target_type, target, id desc);
create index audit_event_search on audit_event using gin (search);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update before update on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_delete before delete on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
