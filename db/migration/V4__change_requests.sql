-- Change requests: the review state of a proposed release change. The change itself is a branch and a commit in
-- the GitOps repository; these rows say who proposed it, who approved what, and how it ended.
create table change_request (
    id             bigint generated always as identity primary key,
    title          text        not null,
    description    text        not null default '',
    state          text        not null check (state in ('OPEN', 'MERGED', 'CLOSED')),
    kind           text        not null check (kind in ('CREATE', 'UPDATE', 'DELETE')),
    release_name   text        not null,
    team           text        not null,
    author         text        not null,
    branch         text        not null unique,
    base_commit    text        not null,  -- main when the branch was (re)based
    head_commit    text        not null,  -- the branch's commit under review
    environments   text[]      not null default '{}',  -- environments whose values or manifests change
    review         jsonb,                 -- diffs and checks computed for head_commit
    merge_commit   text,
    merge_method   text check (merge_method in ('MERGE', 'SQUASH')),
    merged_by      text,
    merged_at      timestamptz,
    closed_by      text,
    closed_at      timestamptz,
    reverts_id     bigint references change_request (id),
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    lock_version   integer     not null default 0
);
create index change_request_state on change_request (state, id desc);
create index change_request_release on change_request (release_name, id desc);
create index change_request_author on change_request (author, id desc);
create index change_request_environments on change_request using gin (environments);
-- one open change request per release at a time would be too strict; one open creation per name is not
create unique index change_request_open_creation on change_request (release_name) where state = 'OPEN' and kind = 'CREATE';

create table change_request_approval (
    id                bigint generated always as identity primary key,
    change_request_id bigint      not null references change_request (id),
    approver          text        not null,
    approver_roles    text[]      not null,  -- the roles and teams the approver held when approving
    approver_teams    text[]      not null,
    head_commit       text        not null,  -- what was approved
    created_at        timestamptz not null,
    dismissed_at      timestamptz,
    dismissed_reason  text
);
create index change_request_approval_cr on change_request_approval (change_request_id);
create unique index change_request_approval_active on change_request_approval (change_request_id, approver) where dismissed_at is null;

-- The conversation: comments and what happened (opened, new commit, approved, dismissed, merged, ...).
create table change_request_activity (
    id                bigint generated always as identity primary key,
    change_request_id bigint      not null references change_request (id),
    kind              text        not null,
    actor             text        not null,
    body              text        not null default '',
    occurred_at       timestamptz not null
);
create index change_request_activity_cr on change_request_activity (change_request_id, id);

-- Who may approve changes to an environment, and how many approvals it takes.
create table approval_policy (
    environment        text primary key references environment (name) on delete cascade,
    required_approvals integer     not null check (required_approvals between 0 and 10),
    approver_role      text        not null check (approver_role in ('APPROVER', 'ADMIN')),
    approver_team      text,                  -- null: any team; '@owner': the release's owning team
    require_admin      boolean     not null default false,
    updated_at         timestamptz not null,
    updated_by         text        not null
);
