-- Webhooks from the Git host: the shared secret their signatures are checked with (sealed), and each delivery id
-- seen, so that a replayed delivery is recognised and not acted on twice. count_host_reviews: a review on the host
-- by a login that is a Chartroom user's name counts as that user's approval (only where the two share one directory).
alter table git_host add column webhook_secret bytea;
alter table git_host add column count_host_reviews boolean not null default false;

create table git_host_delivery (
    delivery_id text        primary key,
    event       text        not null,
    received_at timestamptz not null
);
create index git_host_delivery_received on git_host_delivery (received_at);
