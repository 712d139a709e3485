-- Everyone who authored a commit on a change request's branch (the opener, later edits, updates from main):
-- none of them may approve it. Existing rows take the opener and every user recorded as committing.
alter table change_request add column commit_authors text[] not null default '{}';
update change_request cr set commit_authors = array(
    select distinct u from (
        select cr.author as u
        union all
        select a.actor from change_request_activity a where a.change_request_id = cr.id and a.kind = 'COMMITTED'
    ) authors);
