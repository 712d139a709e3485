package io.chartroom.releases.service;

import java.util.Optional;

/**
 * Releases proposed but not merged yet, so that two change requests cannot both create the same name. The
 * change-request feature provides it (values does not depend on it).
 */
public interface ProposedReleases {

    /** How the name is already proposed (e.g. "change request #12"), or empty. */
    Optional<String> creationProposed(String releaseName);
}
