package io.chartroom.reconcile.service;

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
final class FieldDrift {

    /** Fields that change without anyone drifting: the revision annotation moves with main. */
    private static final Set<String> IGNORED = Set.of("metadata.annotations." + DesiredObjects.REVISION, "status");

    private FieldDrift() {}

    /** Human-readable differences, e.g. "spec.replicas: 5 applied, 7 live". */
    static List<String> differences(Map<String, Object> desired, Map<String, Object> live, Set<String> secretValues) {
        List<String> out = new ArrayList<>();
        boolean secret = "Secret".equals(desired.get("kind"));
        compare("", desired, live, out, secret, secretValues);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void compare(String path, Object desired, Object live, List<String> out, boolean secret, Set<String> secrets) {
        if (IGNORED.contains(path)) {
            return;
        }
        if (desired instanceof Map<?, ?> want) {
            if (!(live instanceof Map<?, ?> have)) {
                out.add(label(path) + ": missing on the cluster");
                return;
            }
            for (Map.Entry<?, ?> e : want.entrySet()) {
                String key = String.valueOf(e.getKey());
                compare(path.isEmpty() ? key : path + "." + key, e.getValue(), ((Map<String, Object>) have).get(key), out, secret, secrets);
            }
            return;
        }
        if (desired instanceof List<?> want) {
            if (!(live instanceof List<?> have)) {
                out.add(label(path) + ": missing on the cluster");
                return;
            }
            if (want.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null)) {
                for (Object item : want) {
                    Object name = ((Map<?, ?>) item).get("name");
                    Object match = have.stream().filter(h -> h instanceof Map<?, ?> m && Objects.equals(String.valueOf(m.get("name")),
                            String.valueOf(name))).findFirst().orElse(null);
                    compare(path + "[" + name + "]", item, match, out, secret, secrets);
                }
                return;
            }
            if (want.size() != have.size()) {
                out.add(label(path) + ": " + want.size() + " items applied, " + have.size() + " live");
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                compare(path + "[" + i + "]", want.get(i), have.get(i), out, secret, secrets);
            }
            return;
        }
        if (desired == null) {
            return;
        }
        if (!same(desired, live)) {
            boolean hide = secret || secrets.contains(String.valueOf(desired)) || live != null && secrets.contains(String.valueOf(live));
            out.add(hide ? label(path) + ": changed (value hidden)"
                    : label(path) + ": " + show(desired) + " applied, " + (live == null ? "missing" : show(live)) + " live");
        }
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

    private static String label(String path) {
        return path.isEmpty() ? "the object" : path;
    }

    private static String show(Object value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
