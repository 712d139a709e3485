package io.chartroom.releases.values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Values trees and how Helm layers them: chart defaults, then the base values, then the environment's,
 * later winning; maps merge key by key, lists and scalars are replaced. A null set by a user layer is kept
 * while user layers are merged ({@link #layer}, like `helm -f base.yaml -f env.yaml`) and removes the key
 * from the chart's defaults in the end ({@link #effective}). Also the reverse: the smallest override that
 * turns inherited values into the desired ones.
 */
public final class ValuesTree {

    private ValuesTree() {}

    /** A deep, mutable copy with String keys. */
    public static Map<String, Object> copy(Map<?, ?> map) {
        return copy(map, false);
    }

    /**
     * A deep copy that no one can change: one instance shared by everyone who reads the same values (a chart's
     * defaults, held by every open editor of that chart), where a copy each would cost every browser tab.
     */
    public static Map<String, Object> frozen(Map<?, ?> map) {
        return copy(map, true);
    }

    /** A deep, mutable copy of any value of a tree. */
    public static Object deepCopy(Object v) {
        return copyValue(v, false);
    }

    private static Map<String, Object> copy(Map<?, ?> map, boolean frozen) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), copyValue(v, frozen)));
        return frozen ? java.util.Collections.unmodifiableMap(out) : out;
    }

    private static Object copyValue(Object v, boolean frozen) {
        if (v instanceof Map<?, ?> m) {
            return copy(m, frozen);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(item -> out.add(copyValue(item, frozen)));
            return frozen ? java.util.Collections.unmodifiableList(out) : out;
        }
        return v;
    }

    /** User layers merged as Helm merges its values files: {@code override} wins, its nulls are kept. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> layer(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> out = copy(base);
        for (var e : override.entrySet()) {
            Object value = e.getValue();
            if (value instanceof Map<?, ?> overrideMap && out.get(e.getKey()) instanceof Map<?, ?> baseMap) {
                out.put(e.getKey(), layer((Map<String, Object>) baseMap, (Map<String, Object>) overrideMap));
            } else {
                out.put(e.getKey(), copyValue(value, false));
            }
        }
        return out;
    }

    /** The values a chart renders with: its defaults, with the user's values on top; a user's null removes the key. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> effective(Map<String, Object> defaults, Map<String, Object> user) {
        Map<String, Object> out = copy(defaults);
        for (var e : user.entrySet()) {
            Object value = e.getValue();
            if (value == null) {
                out.remove(e.getKey());
            } else if (value instanceof Map<?, ?> userMap && out.get(e.getKey()) instanceof Map<?, ?> defaultMap) {
                out.put(e.getKey(), effective((Map<String, Object>) defaultMap, (Map<String, Object>) userMap));
            } else if (value instanceof Map<?, ?> userMap) {
                out.put(e.getKey(), effective(new LinkedHashMap<>(), (Map<String, Object>) userMap));
            } else {
                out.put(e.getKey(), copyValue(value, false));
            }
        }
        return out;
    }

    /**
     * The smallest override such that {@code layer(inherited, override)} gives {@code desired}: only what
     * differs, nested maps by key, lists whole, and null for what the desired values no longer have.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> minimalOverride(Map<String, Object> inherited, Map<String, Object> desired) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : desired.entrySet()) {
            Object want = e.getValue();
            Object have = inherited.get(e.getKey());
            if (want instanceof Map<?, ?> wantMap && have instanceof Map<?, ?> haveMap) {
                Map<String, Object> nested = minimalOverride((Map<String, Object>) haveMap, (Map<String, Object>) wantMap);
                if (!nested.isEmpty()) {
                    out.put(e.getKey(), nested);
                }
            } else if (!inherited.containsKey(e.getKey()) || !equal(want, have)) {
                out.put(e.getKey(), copyValue(want, false));
            }
        }
        for (String key : inherited.keySet()) {
            if (!desired.containsKey(key)) {
                out.put(key, null);
            }
        }
        return out;
    }

    /** Equality of values, where 2 and 2.0 are different (as in YAML) but Integer 2 and Long 2 are the same. */
    public static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && isIntegral(x) && isIntegral(y)) {
            return x.longValue() == y.longValue();
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (var e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!equal(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof java.math.BigInteger;
    }

    /** The paths of a tree's leaves (a list, an empty map or a scalar ends a path), in the tree's order. */
    public static List<List<Object>> leafPaths(Map<?, ?> tree) {
        List<List<Object>> paths = new ArrayList<>();
        collectLeaves(tree, new ArrayList<>(), paths);
        return paths;
    }

    private static void collectLeaves(Map<?, ?> tree, List<Object> prefix, List<List<Object>> paths) {
        tree.forEach((key, value) -> {
            List<Object> path = new ArrayList<>(prefix);
            path.add(String.valueOf(key));
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                collectLeaves(child, path, paths);
            } else {
                paths.add(path);
            }
        });
    }

    /** The value at a path of keys and list indexes, or null when any step is missing. */
    public static Object get(Object tree, List<Object> path) {
        Object current = tree;
        for (Object step : path) {
            if (step instanceof String key && current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (step instanceof Integer index && current instanceof List<?> list && index >= 0 && index < list.size()) {
                current = list.get(index);
            } else {
                return null;
            }
        }
        return current;
    }

    public static boolean has(Object tree, List<Object> path) {
        if (path.isEmpty()) {
            return true;
        }
        Object parent = get(tree, path.subList(0, path.size() - 1));
        Object last = path.getLast();
        return last instanceof String key ? parent instanceof Map<?, ?> m && m.containsKey(key)
                : parent instanceof List<?> l && (Integer) last < l.size();
    }

    /** Sets a value, creating maps along the way. */
    @SuppressWarnings("unchecked")
    public static void set(Map<String, Object> tree, List<Object> path, Object value) {
        Object current = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            Object next = step instanceof String key ? ((Map<String, Object>) current).get(key) : ((List<Object>) current).get((Integer) step);
            if (!(next instanceof Map) && !(next instanceof List)) {
                next = path.get(i + 1) instanceof Integer ? new ArrayList<>() : new LinkedHashMap<String, Object>();
                if (step instanceof String key) {
                    ((Map<String, Object>) current).put(key, next);
                } else {
                    ((List<Object>) current).set((Integer) step, next);
                }
            }
            current = next;
        }
        Object last = path.getLast();
        if (last instanceof String key) {
            ((Map<String, Object>) current).put(key, value);
        } else {
            List<Object> list = (List<Object>) current;
            int index = (Integer) last;
            while (list.size() <= index) {
                list.add(null);
            }
            list.set(index, value);
        }
    }

    /** Removes the value at the path, and maps left empty above it. */
    @SuppressWarnings("unchecked")
    public static void remove(Map<String, Object> tree, List<Object> path) {
        if (path.isEmpty()) {
            return;
        }
        Object parent = get(tree, path.subList(0, path.size() - 1));
        if (parent instanceof Map<?, ?> map && path.getLast() instanceof String key) {
            ((Map<String, Object>) map).remove(key);
            if (map.isEmpty() && path.size() > 1) {
                remove(tree, path.subList(0, path.size() - 1));
            }
        }
    }
}
