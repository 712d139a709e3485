package io.chartroom.base.event;

/**
 * An application event that belongs in the audit log. Features publish their own events (the reconciler
 * listens to "change request merged", for instance); the audit feature records every one that implements
 * this interface, so nothing is audited by a side channel.
 */
public interface AuditableEvent {

    AuditEntry auditEntry();
}
