-- How a row's hash was made: 1 = SHA-256 (rows written before the chain was keyed), 2 = HMAC-SHA-256 with the audit
-- key kept outside the database (CHARTROOM_AUDIT_KEY or <data-dir>/audit.key), which a database writer cannot
-- recompute. Once a row of version 2 exists, every later row must be version 2.
alter table audit_event add column chain_version smallint not null default 1;
