package io.chartroom.environments.domain;

import io.chartroom.gitops.domain.EnvironmentDefinition;
import org.jspecify.annotations.Nullable;

/**
 * An environment releases run in (dev, staging, production), as environments.yaml at a commit of main describes
 * it, in order ({@code position} from 1). Its label selector picks the clusters it deploys to; {@code kubeVersion}
 * is used to render while it selects none; with {@code selfHeal} the reconciler repairs drift by itself instead of
 * only reporting it; with {@code pruneCrds} a release's CRDs are deleted with it (Helm never does, and Chartroom
 * does not by default); {@code approvals} says who approves changes to it (null: the file does not say).
 */
public record Environment(String name, int position, String description, String clusterSelector, String kubeVersion,
                          boolean selfHeal, boolean pruneCrds, EnvironmentDefinition.@Nullable Approvals approvals) {

    /** The version releases are rendered and applied with on one of its clusters: the cluster's, else this environment's. */
    public String kubeVersionOn(io.chartroom.clusters.domain.Cluster cluster) {
        return cluster.kubeVersionOr(kubeVersion);
    }

    /** As environments.yaml writes it. */
    public EnvironmentDefinition definition() {
        return new EnvironmentDefinition(name, description, clusterSelector, kubeVersion, selfHeal, pruneCrds, approvals);
    }
}
