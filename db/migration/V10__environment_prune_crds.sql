-- Helm never deletes a chart's CRDs (deleting one deletes every custom resource of its kind, in every namespace):
-- Chartroom keeps them on prune too, unless an environment says otherwise.
alter table environment add column prune_crds boolean not null default false;
