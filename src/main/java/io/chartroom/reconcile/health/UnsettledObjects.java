package io.chartroom.reconcile.health;

import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.health.HealthChecks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Per unit, the objects that were not healthy yet when last looked at: all a health refresh needs to read. The
 * units it knows on a cluster are also how many objects of a kind a drift sweep is about to read there.
 */
@Component
public class UnsettledObjects {

    private final Map<UnitKey, List<ObjectRef>> byUnit = new ConcurrentHashMap<>();

    /**
     * Keeps the objects that are not healthy yet, for the next health refresh. Suspended ones are kept too: the
     * refresh judges the unit by what it reads, and a unit with a suspended CronJob stays Suspended once its
     * rollout is done (a unit that is only Suspended is not refreshed at all).
     */
    public void remember(UnitKey key, Map<ObjectRef, Map<String, Object>> live) {
        List<ObjectRef> notYet = live.entrySet().stream()
                .filter(e -> !e.getKey().kind().equals("Namespace") && HealthChecks.assess(e.getValue()).state() != HealthState.HEALTHY)
                .map(Map.Entry::getKey).toList();
        byUnit.put(key, notYet);
    }

    /** The unit's objects not healthy when last looked at; null when it was never looked at. */
    List<ObjectRef> of(UnitKey key) {
        return byUnit.get(key);
    }

    public void forget(UnitKey key) {
        byUnit.remove(key);
    }

    /** The units on the cluster this replica applied or looked at since it started. */
    public int units(String cluster) {
        int n = 0;
        for (UnitKey key : byUnit.keySet()) {
            n += key.cluster().equals(cluster) ? 1 : 0;
        }
        return n;
    }

    /** The objects of a kind on the cluster that were not healthy yet when last looked at. */
    int waiting(String cluster, String kind) {
        int n = 0;
        for (Map.Entry<UnitKey, List<ObjectRef>> e : byUnit.entrySet()) {
            if (e.getKey().cluster().equals(cluster)) {
                for (ObjectRef ref : e.getValue()) {
                    n += ref.kind().equals(kind) ? 1 : 0;
                }
            }
        }
        return n;
    }
}
