package io.chartroom.releases.service;

import io.chartroom.gitops.domain.Proposal;

/**
 * Where a value of a release in a kept team layout is changed in place: a change request whose commit changes one file
 * of main (one line, as the team wrote it) and nothing else. The change-request feature provides it, so that adoption
 * does not depend on it; the review reads the release at base and head as the kept layout reads it.
 */
public interface InPlaceEdits {

    /** Opens the change request of {@code release} (owned by {@code team}) that writes {@code text} to {@code file} on {@code base}; its id. */
    long propose(String base, String release, String team, String file, String text, Proposal proposal);
}
