package io.chartroom.gitops.service;

/**
 * Main now points at another commit (a merge, an environment change, a restore). Whoever acts on main listens
 * to this rather than to the feature that moved it.
 */
public record MainMoved(String previous, String current) {}
