package io.chartroom.adoption.service;

import io.chartroom.releases.service.RenderedManifests.ManifestObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What Helm applied (the manifest its release records) against what Chartroom will apply for the same chart and
 * values, object by object. Both sides are split and masked alike (a Secret's values are compared by their masked
 * form), the namespace is left out (Helm's manifest often has none), and hooks are not compared: Helm keeps them
 * apart from the manifest.
 */
public record ManifestComparison(List<ObjectComparison> objects) {

    public enum Outcome { SAME, CHANGED, ONLY_CHARTROOM, ONLY_HELM }

    /** One object; {@code paths}: where it differs (at most {@link #MAX_PATHS}). */
    public record ObjectComparison(String kind, String name, Outcome outcome, List<String> paths) {}

    static final int MAX_PATHS = 10;

    public boolean noChange() {
        return objects.stream().allMatch(o -> o.outcome() == Outcome.SAME);
    }

    public long count(Outcome outcome) {
        return objects.stream().filter(o -> o.outcome() == outcome).count();
    }

    static ManifestComparison of(List<ManifestObject> chartroom, List<ManifestObject> helm) {
        Map<String, Map<String, Object>> ours = byKey(chartroom);
        Map<String, Map<String, Object>> theirs = byKey(helm);
        List<ObjectComparison> objects = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(ours.keySet());
        keys.addAll(theirs.keySet());
        for (String key : keys) {
            String kind = key.substring(0, key.indexOf('/'));
            String name = key.substring(key.indexOf('/') + 1);
            Map<String, Object> a = theirs.get(key);
            Map<String, Object> b = ours.get(key);
            if (a == null) {
                objects.add(new ObjectComparison(kind, name, Outcome.ONLY_CHARTROOM, List.of()));
            } else if (b == null) {
                objects.add(new ObjectComparison(kind, name, Outcome.ONLY_HELM, List.of()));
            } else {
                List<String> paths = new ArrayList<>();
                differences(a, b, "", paths);
                objects.add(new ObjectComparison(kind, name, paths.isEmpty() ? Outcome.SAME : Outcome.CHANGED, paths));
            }
        }
        return new ManifestComparison(objects);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byKey(List<ManifestObject> objects) {
        Map<String, Map<String, Object>> keyed = new LinkedHashMap<>();
        Load load = new Load(LoadSettings.builder().build());
        for (ManifestObject object : objects) {
            if (object.role() != null || object.apiVersion() == null) {
                continue; // hooks, tests, CRDs and unreadable documents are not what Helm's manifest holds
            }
            if (load.loadFromString(object.yaml()) instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
                if (copy.get("metadata") instanceof Map<?, ?> metadata) {
                    Map<String, Object> withoutNamespace = new LinkedHashMap<>((Map<String, Object>) metadata);
                    withoutNamespace.remove("namespace");
                    copy.put("metadata", withoutNamespace);
                }
                keyed.put(object.kind() + "/" + object.name(), copy);
            }
        }
        return keyed;
    }

    private static void differences(Object helm, Object chartroom, String path, List<String> paths) {
        if (paths.size() >= MAX_PATHS) {
            return;
        }
        if (helm instanceof Map<?, ?> a && chartroom instanceof Map<?, ?> b) {
            TreeSet<String> keys = new TreeSet<>();
            a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            b.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                differences(a.get(key), b.get(key), path.isEmpty() ? key : path + "." + key, paths);
            }
        } else if (helm instanceof List<?> a && chartroom instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                differences(a.get(i), b.get(i), path + "[" + i + "]", paths);
            }
        } else if (!Objects.equals(helm, chartroom)) {
            paths.add(path);
        }
    }
}
