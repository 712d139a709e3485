-- Helm releases found on a cluster and imported as Chartroom releases: which change request proposed it and who
-- imported it. One row per Helm release on a cluster; importing again (after the change request was closed) replaces it.
create table helm_adoption (
    cluster           text        not null,
    namespace         text        not null,
    helm_release      text        not null,
    release           text        not null,
    environment       text        not null,
    change_request_id bigint      not null,
    imported_by       text        not null,
    imported_at       timestamptz not null,
    primary key (cluster, namespace, helm_release)
);
