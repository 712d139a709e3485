package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;

/**
 * A check on fabric8's typed model of its kind: the live map is converted with the same Jackson set-up the
 * Kubernetes client uses. An object the model cannot hold (a replica count that is no number) is UNKNOWN with the
 * reason, as Argo CD reports a failed conversion, rather than guessed at.
 */
abstract class TypedHealthCheck<T extends HasMetadata> implements HealthCheck {

    // the client's default serialization, without a client: conversion needs no cluster, and the mapper is thread-safe
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Class<T> type;

    TypedHealthCheck(Class<T> type) {
        this.type = type;
    }

    @Override
    public final Health assess(Map<String, Object> live) {
        T object;
        try {
            object = SERIALIZATION.convertValue(live, type);
        } catch (RuntimeException unreadable) { // Jackson 3 reports a mismatch unchecked; any of them means "cannot read"
            return Health.unknown("cannot read the " + type.getSimpleName() + ": " + describe(unreadable));
        }
        return check(object);
    }

    abstract Health check(T object);

    /**
     * Progressing while the controller has not seen the latest spec (what kubectl rollout status waits for);
     * null when it has. A missing generation counts as 0, as in the API's Go types.
     */
    static Health unobserved(HasMetadata object, Long observedGeneration) {
        long generation = number(object.getMetadata() == null ? null : object.getMetadata().getGeneration());
        long observed = number(observedGeneration);
        return generation > observed
                ? Health.progressing("waiting for the controller to observe generation " + generation + " (seen: " + observed + ")")
                : null;
    }

    static int number(Integer value) {
        return value == null ? 0 : value;
    }

    static long number(Long value) {
        return value == null ? 0 : value;
    }

    /** The first condition of the type, from any of fabric8's condition classes (they share no interface). */
    static <C> Optional<C> condition(List<C> conditions, Function<C, String> type, String wanted) {
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> wanted.equals(type.apply(c))).findFirst();
    }

    /** "reason: message", leaving out what is blank. */
    static String why(String reason, String message) {
        boolean hasReason = reason != null && !reason.isBlank();
        boolean hasMessage = message != null && !message.isBlank();
        return hasReason && hasMessage ? reason + ": " + message : hasReason ? reason : hasMessage ? message : "";
    }

    /** Where the object does not fit the model and why, e.g. "status.updatedReplicas: not a valid Integer value". */
    private static String describe(RuntimeException unreadable) {
        for (Throwable t = unreadable; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference r : jackson.getPath()) {
                    path.append(r.getPropertyName() != null ? (path.isEmpty() ? "" : ".") + r.getPropertyName() : "[" + r.getIndex() + "]");
                }
                return path + ": " + firstLine(jackson.getOriginalMessage());
            }
        }
        return firstLine(unreadable.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "malformed";
        }
        String line = text.lines().findFirst().orElse("malformed");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
