package io.chartroom.releases.service;

import io.chartroom.base.crypto.SecretMask;
import io.chartroom.render.service.HelmDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rendered manifest split into its objects for display (preview, review, API), Secret values masked, and the
 * objects grouped by kind. What is applied never comes from here.
 */
public final class RenderedManifests {

    /**
     * One rendered object: its identity, the template it came from, its YAML, and what Helm install does with
     * it when that is not "apply it" ({@code role}: a CRD from crds/, a hook and its events, a test), else null.
     */
    public record ManifestObject(String kind, String apiVersion, String name, String namespace, String source, String yaml, String role) {
        public ManifestObject(String kind, String apiVersion, String name, String namespace, String source, String yaml) {
            this(kind, apiVersion, name, namespace, source, yaml, null);
        }

        public String id() {
            return kind + "/" + (namespace == null || namespace.isBlank() ? "" : namespace + "/") + name;
        }
    }

    public record KindGroup(String kind, List<ManifestObject> objects) {}

    private RenderedManifests() {}

    /** The objects of a multi-document manifest; documents without kind (comments only) are skipped. */
    public static List<ManifestObject> split(String manifest, String defaultNamespace) {
        List<ManifestObject> objects = new ArrayList<>();
        for (HelmDocument document : HelmDocument.parse(manifest)) {
            if (document.object() == null) {
                if (document.invalid()) {
                    String source = document.source();
                    objects.add(new ManifestObject("(invalid YAML)", null, source == null ? "?" : source, null, source,
                            SecretMask.maskYaml(document.text().strip())));
                }
                continue;
            }
            Map<String, Object> map = document.object();
            Object metadata = map.get("metadata");
            String name = metadata instanceof Map<?, ?> m && m.get("name") != null ? String.valueOf(m.get("name")) : "";
            String namespace = metadata instanceof Map<?, ?> m && m.get("namespace") != null ? String.valueOf(m.get("namespace")) : null;
            // what is split here is shown (preview, review, API): a Secret's values never are. Decided on the object
            // as parsed, the one the reconciler applies, never on the text
            Map<String, Object> masked = SecretMask.mask(map);
            String yaml = masked == map ? stripLeadingComments(document.text()) : SecretMask.dump(masked);
            objects.add(new ManifestObject(String.valueOf(map.get("kind")), String.valueOf(map.get("apiVersion")), name,
                    namespace != null ? namespace : defaultNamespace, document.source(), yaml, role(document)));
        }
        return objects;
    }

    /** What Helm install does with a document other than applying it, as a person reads it. */
    static String role(HelmDocument d) {
        String policy = "; deleted " + String.join(", ", d.deletePolicies());
        return switch (d.phase()) {
            case OBJECT -> null;
            case CRD -> "CRD" + (d.hookEvents().contains("crd-install") ? " (legacy crd-install hook)" : " from crds/")
                    + ": applied first; kept when the release goes, unless its environment prunes CRDs";
            case TEST -> "test hook: run on demand (Run tests), never on sync" + policy;
            case PRE_HOOK, POST_HOOK -> "hook " + String.join(", ", d.hookEvents()) + " (weight " + d.weight() + ")" + policy;
            case OTHER_HOOK -> "hook " + String.join(", ", d.hookEvents()) + ": not run (Chartroom neither deletes nor rolls back releases as Helm)";
        };
    }

    /** Objects grouped by kind, kinds in the order they first appear; hooks and tests apart from the objects of their kind. */
    public static List<KindGroup> byKind(List<ManifestObject> objects) {
        Map<String, List<ManifestObject>> groups = new LinkedHashMap<>();
        objects.forEach(o -> groups.computeIfAbsent(o.role() == null || o.role().startsWith("CRD") ? o.kind()
                : (o.role().startsWith("test") ? "Test " : "Hook ") + o.kind(), k -> new ArrayList<>()).add(o));
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
