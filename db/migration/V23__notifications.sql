-- Where Chartroom tells people what happened: signed JSON webhooks and Slack-compatible incoming webhooks,
-- each subscribed to some kinds of events, optionally only for some environments and teams. The URL is sealed
-- (a Slack webhook URL is itself a secret), and so is a webhook's signing secret.
create table notification_target (
    id          bigserial   primary key,
    name        text        not null unique,
    kind        text        not null check (kind in ('WEBHOOK', 'SLACK')),
    url_sealed  bytea       not null,
    url_host    text        not null,
    secret      bytea,
    events      text[]      not null,
    environments text[]     not null default '{}',
    teams       text[]      not null default '{}',
    created_by  text        not null,
    created_at  timestamptz not null
);

-- Every notification sent or being sent: the delivery log admins read, and the retry queue.
create table notification_delivery (
    id              bigserial   primary key,
    target_id       bigint      not null references notification_target (id) on delete cascade,
    event           text        not null,
    title           text        not null,
    payload         text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        int         not null default 0,
    last_response   int,
    last_error      text,
    created_at      timestamptz not null,
    next_attempt_at timestamptz,
    delivered_at    timestamptz
);
create index notification_delivery_due on notification_delivery (next_attempt_at) where status = 'PENDING';
create index notification_delivery_recent on notification_delivery (created_at desc, id desc);
