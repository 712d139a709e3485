package io.chartroom.reconcile.diff;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.domain.UnitKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * What drift is measured against: the object as the API server answered the apply, restricted to the fields
 * Chartroom sent (which its field manager owns: it applies with force). The server normalizes what it stores:
 * a Secret's stringData becomes data, {@code cpu: 0.1} becomes {@code 100m}, zero and false values are
 * dropped, defaulted list entries appear. Comparing live objects with the rendered manifest would call all of
 * that drift, on every sweep; compared with the normalized object, only real changes are.
 * <p>
 * Kept per unit, object and unit fingerprint, in memory: the normalized copy only where it differs from what
 * was sent. After a restart, a server-side dry-run apply gives it again, once per object.
 */
@Component
public class DriftReference {

    /** {@code normalized} null: the server stored exactly what was sent. */
    private record Entry(String fingerprint, Map<String, Object> normalized) {}

    private final Cache<String, Entry> entries = Caffeine.newBuilder().maximumSize(500_000).build();

    /** Remembers what the server made of an applied object. */
    public void applied(UnitKey unit, ObjectRef ref, String fingerprint, Map<String, Object> sent, Map<String, Object> answer) {
        if (answer == null) {
            entries.invalidate(key(unit, ref));
            return;
        }
        Map<String, Object> normalized = normalize(sent, answer);
        entries.put(key(unit, ref), new Entry(fingerprint, normalized.equals(sent) ? null : normalized));
    }

    /** Whether there is a reference for this object as applied with this fingerprint. */
    boolean known(UnitKey unit, ObjectRef ref, String fingerprint) {
        Entry e = entries.getIfPresent(key(unit, ref));
        return e != null && e.fingerprint().equals(fingerprint);
    }

    /** What the object should look like on the cluster: the normalized copy, or {@code sent} when the server kept it as it was. */
    Map<String, Object> expected(UnitKey unit, ObjectRef ref, Map<String, Object> sent) {
        Entry e = entries.getIfPresent(key(unit, ref));
        return e == null || e.normalized() == null ? sent : e.normalized();
    }

    public void forget(UnitKey unit) {
        String prefix = unit.release() + "|" + unit.environment() + "|" + unit.cluster() + "|";
        entries.asMap().keySet().removeIf(k -> k.startsWith(prefix));
    }

    private static String key(UnitKey unit, ObjectRef ref) {
        return unit.release() + "|" + unit.environment() + "|" + unit.cluster() + "|" + ref.identity();
    }

    /**
     * {@code sent}'s fields with the values the server answered: fields it did not keep are left out, lists of
     * named items are matched by name, other lists by position when the lengths agree, else taken as answered.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> normalize(Map<String, Object> sent, Map<String, Object> answer) {
        Map<String, Object> out = fields(sent, answer);
        if ("Secret".equals(sent.get("kind")) && sent.get("stringData") instanceof Map<?, ?> strings && answer.get("data") instanceof Map<?, ?> data) {
            // stringData is write-only: the server keeps it as data, which is where a change to it shows
            Map<String, Object> kept = out.get("data") instanceof Map<?, ?> d ? new LinkedHashMap<>((Map<String, Object>) d) : new LinkedHashMap<>();
            for (Object key : strings.keySet()) {
                if (data.get(key) != null) {
                    kept.put(String.valueOf(key), data.get(key));
                }
            }
            if (!kept.isEmpty()) {
                out.put("data", kept);
            }
        }
        return out;
    }

    /**
     * A field sent with a zero value (false, 0, "", an empty list) that the server does not store: live, it may be
     * missing or zero, but anything else is drift (another manager turning {@code hostNetwork: false} into true).
     */
    record Omitted(Object sent) {

        boolean matches(Object live) {
            return live == null || zero(live);
        }
    }

    /** The values Kubernetes' JSON encoding leaves out ({@code omitempty}). */
    static boolean zero(Object value) {
        return switch (value) {
            case Boolean b -> !b;
            case Number n -> n.doubleValue() == 0;
            case String text -> text.isEmpty();
            case List<?> list -> list.isEmpty();
            case Map<?, ?> map -> map.isEmpty();
            default -> false;
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> sent, Map<String, Object> answer) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : sent.entrySet()) {
            Object answered = answer.get(e.getKey());
            if (answered == null) {
                // normalized away: stringData (kept as data) and empty maps own nothing to compare; a zero stays checked
                if (e.getValue() != null && !(e.getValue() instanceof Map<?, ?>) && zero(e.getValue())) {
                    out.put(e.getKey(), new Omitted(e.getValue()));
                }
                continue;
            }
            Object value = normalizeValue(e.getValue(), answered);
            if (value != null) {
                out.put(e.getKey(), value);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object normalizeValue(Object sent, Object answered) {
        if (sent instanceof Map<?, ?> s && answered instanceof Map<?, ?> a) {
            return fields((Map<String, Object>) s, (Map<String, Object>) a);
        }
        if (sent instanceof List<?> s && answered instanceof List<?> a) {
            boolean named = !s.isEmpty() && s.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null);
            List<Object> out = new ArrayList<>();
            if (named) {
                for (Object item : s) {
                    Object name = ((Map<?, ?>) item).get("name");
                    a.stream().filter(x -> x instanceof Map<?, ?> m && Objects.equals(String.valueOf(m.get("name")), String.valueOf(name)))
                            .findFirst().ifPresent(match -> out.add(normalizeValue(item, match)));
                }
                return out;
            }
            if (s.size() == a.size()) {
                for (int i = 0; i < s.size(); i++) {
                    out.add(normalizeValue(s.get(i), a.get(i)));
                }
                return out;
            }
            return answered;
        }
        return answered;
    }
}
