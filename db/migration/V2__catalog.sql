-- Settings that admins change at run time (the defaults live in the code).
create table runtime_setting (
    key        text primary key,
    value      text        not null,
    updated_at timestamptz not null,
    updated_by text        not null
);

-- Chart repositories that admins registered: Helm HTTP repositories (index.yaml) and OCI registries.
create table chart_repository (
    id                    bigint generated always as identity primary key,
    name                  text        not null unique,
    type                  text        not null check (type in ('HTTP', 'OCI')),
    url                   text        not null,
    oci_charts            text[]      not null default '{}',  -- chart names to list in an OCI registry
    auth_type             text        not null default 'NONE' check (auth_type in ('NONE', 'BASIC', 'BEARER')),
    username              text,
    secret                bytea,                             -- password or token, AES-GCM encrypted
    ca_certificate        text,                              -- PEM, for private certificate authorities
    plain_http            boolean     not null default false, -- OCI registries without TLS
    aliases               text[]      not null default '{}',  -- names Chart.yaml dependencies may use (@alias)
    sync_interval_seconds integer     not null check (sync_interval_seconds >= 60),
    bundled               boolean     not null default false, -- the sample repository the portal serves itself
    created_at            timestamptz not null,
    created_by            text        not null,
    updated_at            timestamptz not null,
    index_digest          text,       -- SHA-256 of the last index synced (HTTP) or of the tag lists (OCI)
    index_etag            text,
    index_last_modified   text,
    next_sync_at          timestamptz not null,
    last_sync_id          bigint
);

-- One row per sync attempt, for the progress shown while it runs and the result after.
create table repository_sync (
    id               bigint generated always as identity primary key,
    repository_id    bigint      not null references chart_repository (id) on delete cascade,
    trigger          text        not null,  -- SCHEDULE, MANUAL, REGISTRATION
    started_at       timestamptz not null,
    finished_at      timestamptz,
    status           text        not null check (status in ('RUNNING', 'SUCCEEDED', 'UNCHANGED', 'FAILED')),
    charts_added     integer     not null default 0,
    charts_removed   integer     not null default 0,
    versions_added   integer     not null default 0,
    versions_updated integer     not null default 0,
    versions_removed integer     not null default 0,
    error_count      integer     not null default 0,
    message          text,
    errors           text[]      not null default '{}'
);
create index repository_sync_repository on repository_sync (repository_id, id desc);
alter table chart_repository add constraint chart_repository_last_sync
    foreign key (last_sync_id) references repository_sync (id) on delete set null;

create table chart (
    id                 bigint generated always as identity primary key,
    repository_id      bigint      not null references chart_repository (id) on delete cascade,
    name               text        not null,
    description        text,
    home               text,
    icon               text,
    keywords           text[]      not null default '{}',
    deprecated         boolean     not null default false,
    latest_version     text,
    latest_app_version text,
    latest_created     timestamptz,
    version_count      integer     not null default 0,
    search             tsvector    not null,
    unique (repository_id, name)
);
create index chart_search on chart using gin (search);
create index chart_keywords on chart using gin (keywords);
create index chart_name on chart (name);

create table chart_version (
    id            bigint generated always as identity primary key,
    chart_id      bigint      not null references chart (id) on delete cascade,
    version       text        not null,
    app_version   text,
    description   text,
    created       timestamptz,
    digest        text,
    urls          text[]      not null,
    kube_version  text,
    api_version   text,
    deprecated    boolean     not null default false,
    semver_major  integer,
    semver_minor  integer,
    semver_patch  integer,
    semver_pre    text,      -- null for a stable release
    metadata      text        not null,  -- JSON: maintainers, sources, dependencies, annotations ... of the index entry
    entry_hash    text        not null,  -- SHA-256 of the index entry: unchanged entries are skipped
    unique (chart_id, version)
);

-- What a chart archive holds, read once per archive digest (the archive itself is cached on disk).
create table chart_archive (
    digest        text primary key,  -- sha256 of the .tgz
    size_bytes    bigint      not null,
    chart_yaml    text        not null,
    values_yaml   text,
    values_schema text,
    readme        text,
    vendored      text[]      not null default '{}',  -- subcharts under charts/
    fetched_at    timestamptz not null
);
