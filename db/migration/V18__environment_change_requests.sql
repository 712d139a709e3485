-- Environments and their approval policies live in environments.yaml on main: admins change them through change
-- requests on that file, which belong to no release and no team. The tables environment and approval_policy are
-- no longer written; their rows still fill in settings an older environments.yaml leaves out.
alter table change_request drop constraint change_request_kind_check;
alter table change_request add constraint change_request_kind_check check (kind in ('CREATE', 'UPDATE', 'DELETE', 'ENVIRONMENTS'));
alter table change_request alter column release_name drop not null;
alter table change_request alter column team drop not null;
