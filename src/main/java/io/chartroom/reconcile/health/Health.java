package io.chartroom.reconcile.health;

import io.chartroom.reconcile.domain.HealthState;

/** The verdict on one object (or a unit's worst object) and why; the message is empty when there is nothing to say. */
public record Health(HealthState state, String message) {

    public Health {
        message = message == null ? "" : message;
    }

    public static Health healthy() {
        return new Health(HealthState.HEALTHY, "");
    }

    static Health healthy(String message) {
        return new Health(HealthState.HEALTHY, message);
    }

    static Health suspended(String message) {
        return new Health(HealthState.SUSPENDED, message);
    }

    static Health progressing(String message) {
        return new Health(HealthState.PROGRESSING, message);
    }

    static Health unknown(String message) {
        return new Health(HealthState.UNKNOWN, message);
    }

    static Health degraded(String message) {
        return new Health(HealthState.DEGRADED, message);
    }
}
