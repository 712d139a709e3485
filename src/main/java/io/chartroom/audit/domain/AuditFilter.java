package io.chartroom.audit.domain;

import java.time.Instant;

/**
 * Which audit rows to show; every part is optional.
 *
 * @param target matches the target, release, environment or cluster of a row, or its change request number
 * @param text   full-text search over actor, action, targets and details (words, all must match)
 */
public record AuditFilter(Instant from, Instant to, String actor, String action, String target, String outcome, String text) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null);

    public AuditFilter {
        actor = blankToNull(actor);
        action = blankToNull(action);
        target = blankToNull(target);
        outcome = blankToNull(outcome);
        text = blankToNull(text);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
