package io.chartroom.base.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the audit log: who did what, to which target, with which outcome. Details must never hold a
 * secret (tokens, passwords, credentials): publishers put names and ids there, never values.
 *
 * @param sourceAddress the client's address; filled from the current request when left empty
 */
public record AuditEntry(
        Instant at,
        String actor,
        String action,
        Outcome outcome,
        String targetType,
        String target,
        String release,
        String environment,
        String cluster,
        Long changeRequest,
        Map<String, Object> details,
        String sourceAddress) implements AuditableEvent {

    public enum Outcome { SUCCESS, FAILURE, DENIED }

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    @Override
    public AuditEntry auditEntry() {
        return this;
    }

    public static Builder of(String action, String actor) {
        return new Builder(action, actor);
    }

    public Builder toBuilder() {
        Builder b = new Builder(action, actor);
        b.at = at;
        b.outcome = outcome;
        b.targetType = targetType;
        b.target = target;
        b.release = release;
        b.environment = environment;
        b.cluster = cluster;
        b.changeRequest = changeRequest;
        b.details.putAll(details);
        b.sourceAddress = sourceAddress;
        return b;
    }

    /** Builds an entry; only action and actor are required. */
    public static final class Builder {
        private final String action;
        private final String actor;
        private Instant at;
        private Outcome outcome = Outcome.SUCCESS;
        private String targetType;
        private String target;
        private String release;
        private String environment;
        private String cluster;
        private Long changeRequest;
        private final Map<String, Object> details = new LinkedHashMap<>();
        private String sourceAddress;

        private Builder(String action, String actor) {
            this.action = action;
            this.actor = actor;
        }

        public Builder at(Instant value) { this.at = value; return this; }
        public Builder outcome(Outcome value) { this.outcome = value; return this; }
        public Builder failed(String reason) { this.outcome = Outcome.FAILURE; return detail("error", reason); }
        public Builder denied(String reason) { this.outcome = Outcome.DENIED; return detail("error", reason); }
        public Builder target(String type, Object id) { this.targetType = type; this.target = id == null ? null : id.toString(); return this; }
        public Builder release(String value) { this.release = value; return this; }
        public Builder environment(String value) { this.environment = value; return this; }
        public Builder cluster(String value) { this.cluster = value; return this; }
        public Builder changeRequest(Long value) { this.changeRequest = value; return this; }
        public Builder source(String value) { this.sourceAddress = value; return this; }

        public Builder detail(String key, Object value) {
            if (value != null) {
                details.put(key, value);
            }
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(at, actor, action, outcome, targetType, target, release, environment, cluster,
                    changeRequest, details, sourceAddress);
        }
    }
}
