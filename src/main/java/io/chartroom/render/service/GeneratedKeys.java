package io.chartroom.render.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Secret keys that differ between two renders of the same inputs: what the chart generates (a random
 * password Helm would keep with `lookup` on a real install; the render workers' `lookup` finds nothing).
 */
public final class GeneratedKeys {

    private GeneratedKeys() {}

    /** By Secret name (one release's Secrets have distinct names), its generated keys. */
    public static Map<String, Set<String>> between(String first, String second) {
        return compare(secrets(first), secrets(second));
    }

    private static Map<String, Map<String, String>> secrets(String manifest) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (HelmDocument d : HelmDocument.parse(manifest)) {
            if (d.object() == null || !"Secret".equals(d.kind()) || !(d.object().get("metadata") instanceof Map<?, ?> md)) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            if (d.object().get("data") instanceof Map<?, ?> data) {
                data.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
            }
            if (d.object().get("stringData") instanceof Map<?, ?> plain) {
                plain.forEach((k, v) -> values.put(String.valueOf(k), Base64.getEncoder().encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8))));
            }
            out.put(String.valueOf(md.get("name")), values);
        }
        return out;
    }

    private static Map<String, Set<String>> compare(Map<String, Map<String, String>> first, Map<String, Map<String, String>> second) {
        Map<String, Set<String>> generated = new LinkedHashMap<>();
        first.forEach((secret, values) -> {
            Map<String, String> other = second.getOrDefault(secret, Map.of());
            Set<String> keys = new HashSet<>();
            values.forEach((k, v) -> {
                if (other.containsKey(k) && !other.get(k).equals(v)) {
                    keys.add(k);
                }
            });
            if (!keys.isEmpty()) {
                generated.put(secret, Set.copyOf(keys));
            }
        });
        return generated;
    }
}
