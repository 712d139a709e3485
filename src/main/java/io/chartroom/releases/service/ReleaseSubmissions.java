package io.chartroom.releases.service;

import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.domain.ReleaseDescription;

/**
 * Where the release editor submits to: change requests. The change-request feature provides it, so that
 * values does not depend on it.
 */
public interface ReleaseSubmissions {

    /** The release as an open change request proposes it. {@code editing}: the name to pass when checking it. */
    record Proposed(long changeRequestId, ReleaseDescription release, String editing, String title, String description) {}

    /** Opens a change request for a valid draft ({@code editing}: the release on main it changes, or null); its id. */
    long submit(ReleaseDraft draft, String editing, Proposal proposal);

    /** Adds a commit with the draft to an open change request (its approvals are dismissed); its id. */
    long amend(long changeRequestId, ReleaseDraft draft, Proposal proposal);

    /** Opens a change request that removes the release from every environment; its id. */
    long submitRemoval(String release, Proposal proposal);

    Proposed proposed(long changeRequestId);
}
