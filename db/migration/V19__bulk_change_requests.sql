-- A change request may change several releases of one chart at once (a bulk upgrade or promotion): kind BULK, with
-- no release of its own; the releases it changes are those its branch changes.
alter table change_request drop constraint change_request_kind_check;
alter table change_request add constraint change_request_kind_check check (kind in ('CREATE', 'UPDATE', 'DELETE', 'ENVIRONMENTS', 'BULK'));
