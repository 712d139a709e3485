package io.chartroom.reconcile.diff;

import io.chartroom.reconcile.plan.DesiredObjects;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a live object differs from what Chartroom applied, looking only at the fields Chartroom sets (the
 * desired object's fields): fields the API server or others add are not drift. Lists of objects with a
 * "name" are matched by name. Values of Secrets, and values that came from secret references, never appear
 * in the result.
 */
public final class FieldDrift {

    /** Fields that change without anyone drifting: the revision annotation moves with main. */
    private static final Set<String> IGNORED = Set.of("metadata.annotations." + DesiredObjects.REVISION, "status");

    private FieldDrift() {}

    /**
     * One difference: where ({@code path}: map keys as strings, list items matched by name as {@link Named}, others
     * by position as integers) and what a user reads.
     */
    record Difference(List<Object> path, String text) {

        /** The path as a user reads it: {@code spec.template.spec.containers[app].image}. */
        String where() {
            return label(path);
        }
    }

    /** A list item matched by its name. */
    record Named(String name) {}

    /** Human-readable differences, e.g. "spec.replicas: 5 applied, 7 live". */
    public static List<String> differences(Map<String, Object> desired, Map<String, Object> live, Set<String> secretValues) {
        return diff(desired, live, secretValues).stream().map(Difference::text).toList();
    }

    /** The differences with where they are, to find who made them ({@link FieldOwners}). */
    static List<Difference> diff(Map<String, Object> desired, Map<String, Object> live, Set<String> secretValues) {
        List<Difference> out = new ArrayList<>();
        boolean secret = "Secret".equals(desired.get("kind"));
        compare(List.of(), desired, live, out, secret, secretValues);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void compare(List<Object> path, Object desired, Object live, List<Difference> out, boolean secret, Set<String> secrets) {
        if (path.size() <= 3 && IGNORED.contains(label(path))) { // the ignored paths are short: no label built deeper down
            return;
        }
        if (desired instanceof DriftReference.Omitted omitted) {
            if (!omitted.matches(live)) {
                boolean hide = secret || secrets.contains(String.valueOf(live));
                out.add(new Difference(path, hide ? label(path) + ": changed (value hidden)"
                        : label(path) + ": " + show(omitted.sent()) + " applied, " + show(live) + " live"));
            }
            return;
        }
        if (desired instanceof Map<?, ?> want) {
            if (!(live instanceof Map<?, ?> have)) {
                out.add(new Difference(path, label(path) + ": missing on the cluster"));
                return;
            }
            for (Map.Entry<?, ?> e : want.entrySet()) {
                String key = String.valueOf(e.getKey());
                compare(with(path, key), e.getValue(), ((Map<String, Object>) have).get(key), out, secret, secrets);
            }
            return;
        }
        if (desired instanceof List<?> want) {
            if (!(live instanceof List<?> have)) {
                out.add(new Difference(path, label(path) + ": missing on the cluster"));
                return;
            }
            if (want.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null)) {
                for (Object item : want) {
                    String name = String.valueOf(((Map<?, ?>) item).get("name"));
                    Object match = have.stream().filter(h -> h instanceof Map<?, ?> m && Objects.equals(String.valueOf(m.get("name")), name))
                            .findFirst().orElse(null);
                    compare(with(path, new Named(name)), item, match, out, secret, secrets);
                }
                return;
            }
            if (want.size() != have.size()) {
                out.add(new Difference(path, label(path) + ": " + want.size() + " items applied, " + have.size() + " live"));
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                compare(with(path, i), want.get(i), have.get(i), out, secret, secrets);
            }
            return;
        }
        if (desired == null) {
            return;
        }
        if (!same(desired, live)) {
            boolean hide = secret || secrets.contains(String.valueOf(desired)) || live != null && secrets.contains(String.valueOf(live));
            out.add(new Difference(path, hide ? label(path) + ": changed (value hidden)"
                    : label(path) + ": " + show(desired) + " applied, " + (live == null ? "missing" : show(live)) + " live"));
        }
    }

    private static List<Object> with(List<Object> path, Object segment) {
        List<Object> longer = new ArrayList<>(path.size() + 1);
        longer.addAll(path);
        longer.add(segment);
        return longer;
    }

    /** Scalars compare by value: 80 and "80", 1 and 1.0 are the same. */
    private static boolean same(Object desired, Object live) {
        if (live == null) {
            return false;
        }
        if (desired instanceof Number || live instanceof Number) {
            try {
                return new BigDecimal(String.valueOf(desired)).compareTo(new BigDecimal(String.valueOf(live))) == 0;
            } catch (NumberFormatException e) {
                return String.valueOf(desired).equals(String.valueOf(live));
            }
        }
        return String.valueOf(desired).equals(String.valueOf(live));
    }

    private static String label(List<Object> path) {
        if (path.isEmpty()) {
            return "the object";
        }
        StringBuilder text = new StringBuilder();
        for (Object segment : path) {
            switch (segment) {
                case Named named -> text.append('[').append(named.name()).append(']');
                case Integer index -> text.append('[').append(index).append(']');
                default -> text.append(text.isEmpty() ? "" : ".").append(segment);
            }
        }
        return text.toString();
    }

    private static String show(Object value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
