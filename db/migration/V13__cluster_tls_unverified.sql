-- Whether Chartroom checks the cluster's API server certificate (false for kubeconfigs with insecure-skip-tls-verify).
-- Clusters registered before this column are set on their next connection.
alter table cluster add column tls_unverified boolean not null default false;
