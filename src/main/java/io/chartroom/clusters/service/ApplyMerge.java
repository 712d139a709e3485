package io.chartroom.clusters.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side apply as the simulated clusters emulate it, for one field manager: the applied configuration is
 * merged into the live object, maps key by key, lists of the kinds Kubernetes merges by a key
 * ({@code x-kubernetes-list-map-keys}: containers and env by name, ports by port number, volumes by name, ...)
 * item by item, every other list replaced whole (atomic); and what the manager applied last time but no longer
 * does is removed, as the real API server removes fields a manager stops owning. No ownership is tracked
 * between managers and there are no conflicts: that stays the real API server's (see RealApiSemanticsTest).
 */
final class ApplyMerge {

    /** List fields merged by key, and the keys (as the Kubernetes OpenAPI schema declares them). */
    private static final Map<String, List<String>> KEYED = Map.ofEntries(
            Map.entry("containers", List.of("name")), Map.entry("initContainers", List.of("name")),
            Map.entry("ephemeralContainers", List.of("name")), Map.entry("env", List.of("name")),
            Map.entry("volumes", List.of("name")), Map.entry("volumeMounts", List.of("mountPath")),
            Map.entry("volumeDevices", List.of("devicePath")), Map.entry("imagePullSecrets", List.of("name")),
            Map.entry("hostAliases", List.of("ip")), Map.entry("topologySpreadConstraints", List.of("topologyKey", "whenUnsatisfiable")),
            Map.entry("conditions", List.of("type")));

    private ApplyMerge() {}

    /** The live object after {@code applied} replaced {@code previous} (what this manager applied before; may be null). */
    static ObjectNode merge(ObjectNode live, ObjectNode previous, ObjectNode applied) {
        ObjectNode result = live.deepCopy();
        if (previous != null) {
            removeDropped(result, previous, applied);
        }
        overlay(result, applied);
        return result;
    }

    /** Fields in {@code before} that {@code now} no longer has are removed from {@code target}. */
    private static void removeDropped(ObjectNode target, ObjectNode before, ObjectNode now) {
        for (Map.Entry<String, JsonNode> field : before.properties()) {
            String name = field.getKey();
            JsonNode was = field.getValue();
            JsonNode is = now == null ? null : now.get(name);
            JsonNode current = target.get(name);
            if (current == null || name.equals("metadata") && is == null) {
                continue;
            }
            if (is == null) {
                target.remove(name);
            } else if (was instanceof ObjectNode w && is instanceof ObjectNode i && current instanceof ObjectNode c) {
                removeDropped(c, w, i);
            } else if (was instanceof ArrayNode w && is instanceof ArrayNode i && current instanceof ArrayNode c && keys(name, w) != null) {
                List<String> keys = keys(name, w);
                for (JsonNode item : w) {
                    JsonNode still = find(i, item, keys);
                    JsonNode live = find(c, item, keys);
                    if (live == null) {
                        continue;
                    }
                    if (still == null) {
                        remove(c, item, keys);
                    } else if (item instanceof ObjectNode wi && still instanceof ObjectNode si && live instanceof ObjectNode li) {
                        removeDropped(li, wi, si);
                    }
                }
            }
        }
    }

    private static void overlay(ObjectNode target, ObjectNode applied) {
        for (Map.Entry<String, JsonNode> field : applied.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            JsonNode current = target.get(name);
            if (value instanceof ObjectNode v && current instanceof ObjectNode c) {
                overlay(c, v);
            } else if (value instanceof ArrayNode v && current instanceof ArrayNode c && keys(name, v) != null) {
                target.set(name, mergeList(c, v, keys(name, v)));
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    /** Items merged by key: applied ones in their order with the live fields they do not set, then live-only ones. */
    private static ArrayNode mergeList(ArrayNode live, ArrayNode applied, List<String> keys) {
        ArrayNode out = applied.arrayNode();
        List<JsonNode> rest = new ArrayList<>();
        live.forEach(rest::add);
        for (JsonNode item : applied) {
            JsonNode existing = find(live, item, keys);
            if (existing instanceof ObjectNode e && item instanceof ObjectNode i) {
                ObjectNode merged = e.deepCopy();
                overlay(merged, i);
                out.add(merged);
                rest.remove(existing);
            } else {
                out.add(item.deepCopy());
            }
        }
        rest.forEach(out::add);
        return out;
    }

    /** The merge keys of a list field, or null for an atomic list; ports key by number and protocol, container or service. */
    private static List<String> keys(String field, ArrayNode sample) {
        if (field.equals("ports")) {
            JsonNode first = sample.isEmpty() ? null : sample.get(0);
            return first != null && first.has("containerPort") ? List.of("containerPort", "protocol")
                    : first != null && first.has("port") ? List.of("port", "protocol") : null;
        }
        return KEYED.get(field);
    }

    private static JsonNode find(ArrayNode list, JsonNode item, List<String> keys) {
        for (JsonNode candidate : list) {
            if (sameKey(candidate, item, keys)) {
                return candidate;
            }
        }
        return null;
    }

    private static void remove(ArrayNode list, JsonNode item, List<String> keys) {
        for (int i = 0; i < list.size(); i++) {
            if (sameKey(list.get(i), item, keys)) {
                list.remove(i);
                return;
            }
        }
    }

    private static boolean sameKey(JsonNode a, JsonNode b, List<String> keys) {
        for (String key : keys) {
            if (!a.path(key).equals(b.path(key))) {
                return false;
            }
        }
        return true;
    }
}
