-- An ADMIN may keep a team's helmfile repository in its own layout (issue 20, item 4a) instead of converting it:
-- Chartroom then reads its releases the helmfile way and changes values in place. What Chartroom needs that the
-- helmfile does not say: the team that owns the releases, and each helmfile environment's cluster selector and
-- Kubernetes version. One row: the one GitOps repository; no row, no layout kept.
create table kept_helmfile_layout (
    id         smallint    primary key default 1 check (id = 1),
    team       text        not null,
    chosen_by  text        not null,
    chosen_at  timestamptz not null
);

create table kept_helmfile_environment (
    environment      text primary key,
    position         int  not null,
    cluster_selector text not null,
    kube_version     text not null
);
