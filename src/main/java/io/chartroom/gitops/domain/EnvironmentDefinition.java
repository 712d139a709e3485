package io.chartroom.gitops.domain;

import org.jspecify.annotations.Nullable;

/**
 * An environment as environments.yaml records it, for helmfile and for the reconciler: the truth about which
 * clusters it deploys to and how, at a commit of main. Its place in the file is its order.
 *
 * @param selfHeal   drift is applied again at once; null: the file does not say (written before it did)
 * @param pruneCrds  a release's CRDs are deleted with it; null: the file does not say
 * @param approvals  who must approve a change to it; null: the file does not say
 */
public record EnvironmentDefinition(String name, String description, String clusterSelector, String kubeVersion,
                                    @Nullable Boolean selfHeal, @Nullable Boolean pruneCrds, @Nullable Approvals approvals) {

    /**
     * The approval policy of the environment as the file writes it.
     *
     * @param role  the least role of an approver: APPROVER or ADMIN
     * @param team  null: any team; {@code @owner}: the release's owning team; else a team's name
     * @param admin one of the approvals must be an ADMIN's
     */
    /** @param onHost with a Git host, the host's branch protection decides instead (the count applies without one) */
    public record Approvals(int required, String role, @Nullable String team, boolean admin, boolean onHost) {

        public Approvals(int required, String role, @Nullable String team, boolean admin) {
            this(required, role, team, admin, false);
        }

        public static final String OWNER_TEAM = "@owner";
        /** What an environment needs when nobody said otherwise: one approval from any APPROVER. */
        public static final Approvals DEFAULT = new Approvals(1, "APPROVER", null, false);
    }

    /** An environment with every setting given (what Chartroom writes from now on). */
    public static EnvironmentDefinition of(String name, String description, String clusterSelector, String kubeVersion, boolean selfHeal,
                                           boolean pruneCrds, Approvals approvals) {
        return new EnvironmentDefinition(name, description, clusterSelector, kubeVersion, selfHeal, pruneCrds, approvals);
    }
}
