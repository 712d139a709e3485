package io.chartroom.environments.service;

import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.Proposal;
import java.util.List;

/**
 * Where changes of environments go: a change request on environments.yaml, reviewed and approved under the
 * environments' own (ADMIN) policy and applied when it merges. The change-request feature provides it, so that
 * environments does not depend on it.
 */
public interface EnvironmentSubmissions {

    /**
     * Opens a change request that writes environments.yaml with {@code environments}, in order; {@code summary} is
     * the generated title when the proposal has none. Returns its id.
     */
    long propose(List<EnvironmentDefinition> environments, String summary, Proposal proposal);
}
