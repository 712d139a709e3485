-- A change request's pull/merge request on the Git host: where it is, the comment Chartroom keeps up to date with
-- its review, the head it last published, and the last failure to publish (retried; shown on the change request).
create table pull_request (
    change_request_id bigint      primary key references change_request (id) on delete cascade,
    host_kind         text        not null,
    repository        text        not null,
    number            bigint      not null,
    url               text        not null,
    comment_id        bigint,
    published_head    text,
    last_error        text,
    updated_at        timestamptz not null
);
