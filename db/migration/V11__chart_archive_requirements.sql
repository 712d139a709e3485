-- apiVersion v1 charts declare their dependencies in requirements.yaml (pinned by requirements.lock); v2 charts
-- pin theirs in Chart.lock. Archives read before this are read again once when next used (read_version 1).
alter table chart_archive add column requirements_yaml text;
alter table chart_archive add column lock_yaml text;
alter table chart_archive add column read_version smallint not null default 1;
