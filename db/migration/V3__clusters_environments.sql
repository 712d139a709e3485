-- Clusters that environments select by their labels. Connections and credentials come with the reconciler.
create table cluster (
    id           bigint generated always as identity primary key,
    name         text        not null unique,
    labels       jsonb       not null default '{}',
    kube_version text        not null,   -- the API server's version (v1.31.2); used to render for this cluster
    kind         text        not null check (kind in ('SIMULATED', 'KUBECONFIG', 'TOKEN', 'EKS')),
    created_at   timestamptz not null,
    created_by   text        not null,
    updated_at   timestamptz not null
);

-- Environments, in order (dev before production). Written to the GitOps repository's environments.yaml.
create table environment (
    name             text primary key,
    position         integer     not null,
    description      text        not null default '',
    cluster_selector text        not null,  -- a Kubernetes label selector over cluster labels
    kube_version     text        not null,  -- rendered with when the environment selects no cluster
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    updated_by       text        not null
);
