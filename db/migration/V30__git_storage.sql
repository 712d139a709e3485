-- The GitOps repository stored in PostgreSQL (JGit's DFS storage), so that every replica reads and writes one
-- repository: packs and their files (pack, index, bitmap, ...) as rows, refs as rows updated by compare-and-swap.
-- `repository` names the repository, so that tests (and one day several repositories) share the tables.
create table git_pack (
    repository   text        not null,
    name         text        not null,
    source       text        not null,
    object_count bigint      not null default 0,
    created_at   timestamptz not null default now(),
    -- compacted into another pack: no longer listed, its files kept a while for readers that listed it before
    replaced_at  timestamptz,
    primary key (repository, name)
);

-- A pack's files are written before the pack is committed (listed in git_pack); files of packs never committed are
-- removed when their write is rolled back.
create table git_pack_file (
    repository text  not null,
    pack       text  not null,
    ext        text  not null,
    data       bytea not null,
    primary key (repository, pack, ext)
);

create table git_ref (
    repository      text not null,
    name            text not null,
    object_id       text,
    symbolic_target text,
    primary key (repository, name),
    check ((object_id is null) <> (symbolic_target is null))
);
