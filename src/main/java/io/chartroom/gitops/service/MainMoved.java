package io.chartroom.gitops.service;

import org.jspecify.annotations.Nullable;

/**
 * Main now points at another commit (a merge, an environment change, a restore). Whoever acts on main listens
 * to this rather than to the feature that moved it. {@code previous} is null when main was created.
 */
public record MainMoved(@Nullable String previous, String current) {}
