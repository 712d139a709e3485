package io.chartroom.releases.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How releases are doing on their clusters, per environment, for the releases list: told by the feature that knows
 * (the reconciler), without the releases feature depending on it.
 */
public interface ReleaseStatusSummary {

    /**
     * One environment's worst cluster: {@code text} like "Synced · Healthy", {@code attention} when it is failing,
     * drifted, held or unhealthy; {@code revision} the short commit it last applied ("" before any).
     */
    record EnvironmentStatus(String environment, String text, boolean attention, String revision) {}

    /** By release name, its environments' statuses (environments no cluster runs yet are left out). */
    Map<String, List<EnvironmentStatus>> of(Collection<String> releases);
}
