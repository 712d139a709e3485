package io.chartroom.adoption.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An ADMIN's choice to keep the team's helmfile repository in its own layout: the team that owns its releases (another
 * for a release named in {@code teams}), and where each helmfile environment deploys (what the helmfile does not say),
 * in the helmfile's order.
 */
public record KeptHelmfileLayout(String team, Map<String, String> teams, List<Environment> environments, String chosenBy, Instant chosenAt) {

    /** A helmfile environment: the label selector of its clusters and the Kubernetes version it renders with. */
    public record Environment(String name, String clusterSelector, String kubeVersion) {}

    public KeptHelmfileLayout {
        teams = Map.copyOf(teams);
        environments = List.copyOf(environments);
    }

    /** The team that owns a release (as Chartroom names it). */
    public String teamOf(@Nullable String release) {
        return release == null ? team : teams.getOrDefault(release, team);
    }
}
