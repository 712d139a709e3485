package io.chartroom.audit.domain;

import java.time.Instant;

/** One stored row of the audit log, as read back (details as the JSON text that was hashed). */
public record AuditRecord(
        long id, Instant occurredAt, String actor, String action, String outcome, String targetType, String target,
        String release, String environment, String cluster, Long changeRequest, String details, String sourceAddress) {}
