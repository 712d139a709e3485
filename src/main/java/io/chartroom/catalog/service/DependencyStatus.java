package io.chartroom.catalog.service;

/**
 * How one declared dependency of a chart version is satisfied: vendored in the archive, resolved from a
 * registered repository, or not at all (which makes the chart unusable, with {@code message} saying why).
 */
public record DependencyStatus(
        String name,
        String alias,
        String constraint,
        String repository,
        State state,
        String resolvedRepository,
        String resolvedVersion,
        Long resolvedVersionId,
        String message) {

    public enum State { VENDORED, RESOLVED, UNRESOLVED }

    public boolean usable() {
        return state != State.UNRESOLVED;
    }
}
