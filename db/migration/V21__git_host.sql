-- The Git host where change requests become pull/merge requests (GitHub, GitLab, Gitea/Forgejo): one per
-- installation. The token is sealed with the installation's key, as cluster and chart repository credentials are.
create table git_host (
    id         int         primary key default 1 check (id = 1),
    kind       text        not null check (kind in ('GITHUB', 'GITLAB', 'GITEA')),
    api_url    text        not null,
    repository text        not null,
    token      bytea       not null,
    updated_by text        not null,
    updated_at timestamptz not null
);
