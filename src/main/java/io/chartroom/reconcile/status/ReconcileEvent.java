package io.chartroom.reconcile.status;

import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.AuditableEvent;
import io.chartroom.reconcile.domain.UnitKey;
import java.util.Map;

/** Something the reconciler did or found (applied, failed, drift detected or healed, pruned, sync requested). */
public record ReconcileEvent(String action, UnitKey unit, String actor, Map<String, Object> details) implements AuditableEvent {

    @Override
    public AuditEntry auditEntry() {
        AuditEntry.Builder entry = AuditEntry.of("reconcile." + action, actor).target("unit", unit.toString())
                .release(unit.release()).environment(unit.environment()).cluster(unit.cluster());
        details.forEach(entry::detail);
        if (action.equals("failed")) {
            entry.outcome(AuditEntry.Outcome.FAILURE);
        }
        return entry.build();
    }
}
