package io.chartroom.reconcile.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Helm's field manager ("helm", Update operations) on an object Chartroom has applied: an adopted release's objects
 * still list Helm as a co-owner of every field it set, so a field Chartroom stops rendering would never be removed
 * (server-side apply keeps a field another manager owns). Chartroom drops Helm's entries once it applied the object.
 */
final class HelmFieldOwnership {

    static final String MANAGER = "helm";

    private HelmFieldOwnership() {
    }

    /** The object's managedFields without Helm's entries; empty when Helm has none there (nothing to take over). */
    static Optional<List<Object>> entriesWithout(Map<String, Object> live) {
        if (!(live.get("metadata") instanceof Map<?, ?> metadata) || !(metadata.get("managedFields") instanceof List<?> entries)) {
            return Optional.empty();
        }
        List<Object> rest = entries.stream().filter(e -> !(e instanceof Map<?, ?> entry && MANAGER.equals(entry.get("manager"))))
                .map(e -> (Object) e).toList();
        return rest.size() == entries.size() || rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }
}
