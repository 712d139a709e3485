package io.chartroom.releases.service;

import io.chartroom.gitops.domain.Proposal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a team's repository is converted to Chartroom's layout: one change request that writes every file anew
 * on main as it is. The change-request feature provides it, so that adoption does not depend on it.
 */
public interface RepositoryConversions {

    /**
     * Opens the change request (ADMIN) that turns {@code base} (main, in a layout Chartroom cannot read) into
     * Chartroom's layout: {@code changes} by path, null deleting the file. Its review compares, for every
     * release, environment and group of clusters, what the helmfile way and the Chartroom way render. Its id.
     */
    long propose(String base, Map<String, @Nullable String> changes, Proposal proposal);
}
