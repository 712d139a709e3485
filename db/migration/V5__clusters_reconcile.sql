-- How Chartroom reaches a cluster. Credentials (kubeconfig, token, AWS role) are encrypted by the portal
-- (AES-GCM) before they reach this table; the API URL and CA are not secret.
alter table cluster add column api_url text;
alter table cluster add column context_name text;          -- the kubeconfig context used
alter table cluster add column region text;                -- EKS
alter table cluster add column eks_cluster_name text;      -- EKS
alter table cluster add column credentials text;           -- encrypted JSON, never read back out of the service
alter table cluster add column ca_data text;               -- PEM of the API server's CA, if not in the kubeconfig
alter table cluster add column checked_at timestamptz;     -- last connection test
alter table cluster add column check_error text;
alter table cluster add column description text not null default '';
-- unknown until the first successful connection test
alter table cluster alter column kube_version drop not null;

-- Environments that repair drift by themselves.
alter table environment add column self_heal boolean not null default true;

-- One unit = one release in one environment on one cluster: what was applied there and how it is doing.
create table unit_status (
    release_name      text        not null,
    environment       text        not null,
    cluster           text        not null,
    revision          text,                   -- main's commit last applied
    desired_hash      text,                   -- hash of the rendered objects last applied
    sync              text        not null check (sync in ('SYNCED', 'OUT_OF_SYNC', 'FAILED', 'UNKNOWN')),
    health            text        not null check (health in ('HEALTHY', 'PROGRESSING', 'DEGRADED', 'MISSING', 'UNKNOWN')),
    message           text        not null default '',
    inventory         jsonb       not null default '[]',   -- the objects applied: never lost, so they can be pruned
    pending_inventory jsonb,                               -- set while an apply runs: old and new objects together
    drift             jsonb       not null default '[]',   -- what differs from what was applied
    attempts          integer     not null default 0,      -- failures in a row, for back-off
    next_attempt_at   timestamptz,
    last_applied_at   timestamptz,
    updated_at        timestamptz not null,
    primary key (release_name, environment, cluster)
);
create index unit_status_cluster on unit_status (cluster);
create index unit_status_problems on unit_status (sync, health) where sync <> 'SYNCED' or health <> 'HEALTHY';

create table unit_history (
    id           bigint generated always as identity primary key,
    release_name text        not null,
    environment  text        not null,
    cluster      text        not null,
    revision     text,
    sync         text        not null,
    health       text        not null,
    message      text        not null default '',
    applied      integer     not null default 0,
    pruned       integer     not null default 0,
    millis       bigint      not null default 0,
    occurred_at  timestamptz not null
);
create index unit_history_release on unit_history (release_name, id desc);

-- Leader election among portal replicas: the holder renews its lease; another takes over when it expires.
create table leader_lease (
    name       text primary key,
    holder     text        not null,
    expires_at timestamptz not null
);
