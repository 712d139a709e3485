package io.chartroom.reconcile.health;

import java.util.Map;

/**
 * The health check of one group and kind, as gitops-engine's health package has one function per kind: it reads
 * the live object as the API server returned it and says how it is doing. {@link HealthChecks} chooses it.
 */
interface HealthCheck {

    /** The live object's health; never null. Deletion and absence are handled before a check is asked. */
    Health assess(Map<String, Object> live);

    /** Whether the verdict can change while the object exists, so that it is worth reading the object again. */
    default boolean dependsOnStatus() {
        return true;
    }
}
