package io.chartroom.adoption.domain;

import java.time.Instant;
import java.util.List;

/**
 * An ADMIN's choice to keep the team's helmfile repository in its own layout: the team that owns its releases, and
 * where each helmfile environment deploys (what the helmfile does not say), in the helmfile's order.
 */
public record KeptHelmfileLayout(String team, List<Environment> environments, String chosenBy, Instant chosenAt) {

    /** A helmfile environment: the label selector of its clusters and the Kubernetes version it renders with. */
    public record Environment(String name, String clusterSelector, String kubeVersion) {}

    public KeptHelmfileLayout {
        environments = List.copyOf(environments);
    }
}
