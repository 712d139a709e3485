-- Who created each branch pushed over Git's HTTP protocol: only its creator (or an ADMIN) may move or delete it.
-- Branches under users/<name>/ belong to <name> without a row.
create table git_branch_owner (
    ref        text        primary key,
    owner      text        not null,
    created_at timestamptz not null
);
