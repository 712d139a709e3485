-- A GitHub App as the Git host's credential: its id and the installation on the repository's owner. The app's
-- private key is then what the token column holds (sealed as a token is); an installation token is minted from it
-- for each hour of work and kept only in memory.
alter table git_host add column app_id text;
alter table git_host add column app_installation_id bigint;
alter table git_host add constraint git_host_app_whole check ((app_id is null) = (app_installation_id is null));
alter table git_host add constraint git_host_app_only_github check (app_id is null or kind = 'GITHUB');
