-- A user's release draft kept while they edit it (server-side, one per user and page), so that Back, a reload or
-- another browser brings it back. Sealed with the installation's key: a draft may hold a value the checks would
-- refuse before a change request (a password typed into a plain field).
create table saved_draft (
    username  text        not null,
    draft_key text        not null,
    sealed    bytea       not null,
    saved_at  timestamptz not null,
    primary key (username, draft_key)
);
