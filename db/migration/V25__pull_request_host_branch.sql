-- A pull request opened by hand on the Git host and adopted as a change request: its branch lives on the host
-- (Chartroom fetches it, and pushes nothing of its own for it); null for the pull requests Chartroom opened.
alter table pull_request add column host_branch text;

-- one change request per pull request of a host's repository (webhooks look change requests up by it)
create unique index pull_request_number on pull_request (host_kind, repository, number);
