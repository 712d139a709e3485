package io.chartroom.values.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.chartroom.base.crypto.SecretMask;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A rendered manifest split into its objects for display (preview, review, API), Secret values masked, and the
 * objects grouped by kind. What is applied never comes from here.
 */
public final class RenderedManifests {

    /** One rendered object: its identity, the template it came from, and its YAML. */
    public record ManifestObject(String kind, String apiVersion, String name, String namespace, String source, String yaml) {
        public String id() {
            return kind + "/" + (namespace == null || namespace.isBlank() ? "" : namespace + "/") + name;
        }
    }

    public record KindGroup(String kind, List<ManifestObject> objects) {}

    private RenderedManifests() {}

    /** The objects of a multi-document manifest; documents without kind (comments only) are skipped. */
    public static List<ManifestObject> split(String manifest, String defaultNamespace) {
        List<ManifestObject> objects = new ArrayList<>();
        if (manifest == null || manifest.isBlank()) {
            return objects;
        }
        for (String document : manifest.split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            String source = null;
            for (String line : document.lines().toList()) {
                if (line.startsWith("# Source: ")) {
                    source = line.substring("# Source: ".length()).strip();
                    break;
                }
            }
            Object parsed;
            try {
                parsed = new Load(LoadSettings.builder().build()).loadFromString(document);
            } catch (RuntimeException notYaml) {
                objects.add(new ManifestObject("(invalid YAML)", null, source == null ? "?" : source, null, source, document.strip()));
                continue;
            }
            if (!(parsed instanceof Map<?, ?> map) || map.get("kind") == null) {
                continue;
            }
            Object metadata = map.get("metadata");
            String name = metadata instanceof Map<?, ?> m && m.get("name") != null ? String.valueOf(m.get("name")) : "";
            String namespace = metadata instanceof Map<?, ?> m && m.get("namespace") != null ? String.valueOf(m.get("namespace")) : null;
            // what is split here is shown (preview, review, API): a Secret's values never are
            String yaml = SecretMask.isSecret(map.get("kind"), map.get("apiVersion"))
                    ? SecretMask.maskYaml(document) : stripLeadingComments(document);
            objects.add(new ManifestObject(String.valueOf(map.get("kind")), String.valueOf(map.get("apiVersion")), name,
                    namespace != null ? namespace : defaultNamespace, source, yaml));
        }
        return objects;
    }

    /** Objects grouped by kind, kinds in the order they first appear. */
    public static List<KindGroup> byKind(List<ManifestObject> objects) {
        Map<String, List<ManifestObject>> groups = new LinkedHashMap<>();
        objects.forEach(o -> groups.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o));
        return groups.entrySet().stream().map(e -> new KindGroup(e.getKey(), e.getValue())).toList();
    }

    private static String stripLeadingComments(String document) {
        List<String> lines = new ArrayList<>(document.strip().lines().toList());
        while (!lines.isEmpty() && (lines.getFirst().startsWith("#") || lines.getFirst().isBlank())) {
            lines.removeFirst();
        }
        return String.join("\n", lines) + "\n";
    }
}
