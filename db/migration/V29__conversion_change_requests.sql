-- A change request may convert a team's helmfile repository to Chartroom's layout as a whole: kind CONVERT, with no
-- release and no team of its own (an ADMIN's, approved like a change of the environments).
alter table change_request drop constraint change_request_kind_check;
alter table change_request add constraint change_request_kind_check
    check (kind in ('CREATE', 'UPDATE', 'DELETE', 'ENVIRONMENTS', 'BULK', 'CONVERT'));
