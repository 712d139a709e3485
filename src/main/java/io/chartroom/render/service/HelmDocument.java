package io.chartroom.render.service;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.yaml.YamlNesting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One document of a rendered release, with what Helm install makes of it: a CRD from crds/ (or a legacy
 * crd-install hook), a hook of some events with its weight and delete policy, a test, or an ordinary object.
 * The render workers reveal hooks under another annotation name (helm-java leaves them out of its manifest);
 * here they get their real annotation back.
 *
 * @param source the template (or crds/ file) it came from, e.g. "web/templates/job.yaml"
 * @param text   the document's YAML as rendered (hook annotations restored)
 * @param object the document parsed; null when it is not a Kubernetes object (comments only, invalid YAML)
 * @param invalid the document is not YAML
 */
public record HelmDocument(String source, String text, @Nullable Map<String, Object> object, Phase phase, Set<String> hookEvents, int weight,
                           Set<String> deletePolicies, boolean invalid) {

    /** Where in Helm's install a document goes. */
    public enum Phase { CRD, PRE_HOOK, OBJECT, POST_HOOK, TEST, OTHER_HOOK }

    public static final String HOOK = "helm.sh/hook";
    public static final String HOOK_WEIGHT = "helm.sh/hook-weight";
    public static final String HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";
    /** Helm's default when a hook names no policy. */
    public static final String BEFORE_HOOK_CREATION = "before-hook-creation";
    public static final String HOOK_SUCCEEDED = "hook-succeeded";
    public static final String HOOK_FAILED = "hook-failed";
    private static final String REVEALED = "chartroom.io/helm-hook";

    public boolean hook() {
        return phase == Phase.PRE_HOOK || phase == Phase.POST_HOOK || phase == Phase.TEST || phase == Phase.OTHER_HOOK;
    }

    public String kind() {
        return object == null ? null : String.valueOf(object.get("kind"));
    }

    /**
     * The documents of a multi-document manifest, in order; blank documents are skipped. A document nested deeper
     * than {@link YamlNesting#MAX_DEPTH} (it would exhaust the stack of the parser) is an
     * {@link UnreadableManifestException} naming its template.
     */
    public static List<HelmDocument> parse(String manifest) {
        List<HelmDocument> documents = new ArrayList<>();
        if (manifest == null || manifest.isBlank()) {
            return documents;
        }
        for (String raw : manifest.split("(?m)^---\\s*$")) {
            if (raw.isBlank()) {
                continue;
            }
            String text = raw.replace(REVEALED, HOOK);
            String source = null;
            for (String line : text.lines().toList()) {
                if (line.startsWith("# Source: ")) {
                    source = line.substring("# Source: ".length()).strip();
                    break;
                }
            }
            try {
                YamlNesting.check(text, source == null ? "a rendered document" : source);
            } catch (InvalidInputException tooDeep) {
                throw new UnreadableManifestException(tooDeep.problems());
            }
            Map<String, Object> object = null;
            boolean invalid = false;
            try {
                if (new Load(LoadSettings.builder().setCodePointLimit(64 * 1024 * 1024).build()).loadFromString(text) instanceof Map<?, ?> m
                        && m.get("kind") != null) {
                    object = stringKeys(m);
                }
            } catch (RuntimeException notYaml) {
                invalid = true;
            }
            documents.add(of(source, text, object, invalid));
        }
        return documents;
    }

    private static HelmDocument of(String source, String text, Map<String, Object> object, boolean invalid) {
        Map<?, ?> annotations = object != null && object.get("metadata") instanceof Map<?, ?> md && md.get("annotations") instanceof Map<?, ?> a
                ? a : Map.of();
        Set<String> events = list(annotations.get(HOOK));
        boolean fromCrds = source != null && source.matches("(^|.*/)crds/.*");
        Phase phase;
        if (fromCrds || events.contains("crd-install")) {
            phase = Phase.CRD;
        } else if (events.isEmpty()) {
            phase = Phase.OBJECT;
        } else if (events.contains("test") || events.contains("test-success")) {
            phase = Phase.TEST;
        } else if (events.contains("pre-install") || events.contains("pre-upgrade")) {
            phase = Phase.PRE_HOOK;
        } else if (events.contains("post-install") || events.contains("post-upgrade")) {
            phase = Phase.POST_HOOK;
        } else {
            phase = Phase.OTHER_HOOK; // pre/post-delete, pre/post-rollback: Chartroom neither deletes nor rolls back a Helm release
        }
        int weight = 0;
        try {
            weight = annotations.get(HOOK_WEIGHT) == null ? 0 : Integer.parseInt(String.valueOf(annotations.get(HOOK_WEIGHT)).strip());
        } catch (NumberFormatException ignored) {
            weight = 0; // Helm treats an unreadable weight as 0 too
        }
        Set<String> policies = list(annotations.get(HOOK_DELETE_POLICY));
        if (phase != Phase.OBJECT && phase != Phase.CRD && policies.isEmpty()) {
            policies = Set.of(BEFORE_HOOK_CREATION);
        }
        return new HelmDocument(source, text, object, phase, events, weight, policies, invalid);
    }

    private static Set<String> list(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value != null) {
            for (String part : String.valueOf(value).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        return new LinkedHashMap<>((Map<String, Object>) map);
    }
}
