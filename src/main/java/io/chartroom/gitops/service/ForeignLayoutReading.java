package io.chartroom.gitops.service;

import java.util.Optional;

/**
 * How a commit in a team's own layout is read as Chartroom reads releases and environments, once an ADMIN chose to
 * keep that layout (a helmfile repository, issue 20 item 4a). Adoption provides it, so that gitops does not read
 * helmfile: the answer is a commit in Chartroom's layout, derived from {@code commit} and never on main or pushed.
 */
public interface ForeignLayoutReading {

    /** Refs under this prefix hold derived commits: kept reachable here, never pushed to a remote. */
    String REFS = "refs/chartroom/";

    /** Whether an ADMIN chose to keep a team's layout (whether or not its commits can be read). */
    boolean keeps();

    /**
     * The derived commit whose files describe {@code commit}'s releases and environments; empty when {@code commit} is
     * read as it is (Chartroom's layout, or no layout is kept). Throws, naming each problem, when a kept layout's commit
     * cannot be read.
     */
    Optional<String> describing(String commit);
}
