-- A pull request opened by hand on the Git host and adopted as a change request: its branch lives on the host
-- (Chartroom fetches it, and pushes nothing of its own for it); null for the pull requests Chartroom opened.
alter table pull_request add column host_branch text;
