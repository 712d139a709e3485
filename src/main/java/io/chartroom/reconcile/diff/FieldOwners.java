package io.chartroom.reconcile.diff;

import io.chartroom.reconcile.cluster.KubeObjects;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who wrote a field, from the object's {@code managedFields}: the field manager whose field set holds it (server-side
 * apply records ownership per leaf field, list items by their keys, atomic lists as one leaf). Used to name who
 * changed a field back after a heal, rather than every manager that ever touched the object.
 */
final class FieldOwners {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FieldOwners() {}

    /**
     * The manager other than Chartroom that owns the field, the most recent one when several do; empty when none
     * does (the API server or an admission webhook changed it).
     */
    static String changedBy(Map<String, Object> live, List<Object> path) {
        if (!(live.get("metadata") instanceof Map<?, ?> metadata) || !(metadata.get("managedFields") instanceof List<?> entries)) {
            return "";
        }
        String best = "";
        String bestTime = "";
        for (Object item : entries) {
            if (item instanceof Map<?, ?> entry && entry.get("fieldsV1") instanceof Map<?, ?> fields
                    && !KubeObjects.FIELD_MANAGER.equals(entry.get("manager")) && owns(fields, path)) {
                String time = String.valueOf(entry.get("time"));
                if (best.isEmpty() || time.compareTo(bestTime) > 0) {
                    best = String.valueOf(entry.get("manager"));
                    bestTime = time;
                }
            }
        }
        return best;
    }

    /**
     * Whether the field set holds the path: {@code f:<key>} for keys, {@code k:{"name":...}} for named items; an
     * empty set on the way is a leaf that covers everything below it (an atomic list, a map owned whole).
     */
    private static boolean owns(Map<?, ?> fields, List<Object> path) {
        Map<?, ?> node = fields;
        for (Object segment : path) {
            Object child = switch (segment) {
                case String key -> node.get("f:" + key);
                case FieldDrift.Named named -> item(node, named.name());
                default -> null; // a list matched by position is atomic: owned as a leaf one level up
            };
            if (!(child instanceof Map<?, ?> next)) {
                return false;
            }
            if (next.isEmpty()) {
                return true;
            }
            node = next;
        }
        return true;
    }

    private static Object item(Map<?, ?> node, String name) {
        for (Map.Entry<?, ?> e : node.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.startsWith("k:")) {
                try {
                    if (JSON.readTree(key.substring(2)).path("name").asString("").equals(name)) {
                        return e.getValue();
                    }
                } catch (RuntimeException malformed) {
                    // not a key we can read: not this item
                }
            }
        }
        return null;
    }
}
