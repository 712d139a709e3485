package io.chartroom.base.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import io.chartroom.base.yaml.YamlNesting;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * How a Kubernetes Secret's values are shown anywhere a person or the API can see them (diffs, previews, live
 * objects): each value of {@code data} and {@code stringData} becomes {@code <hidden:1a2b3c4d>}, a keyed
 * fingerprint. Equal values show equal fingerprints and changed ones different ones, so a diff still says that a
 * key was added, removed or changed, but never what it holds. The key is random per process, so a fingerprint
 * cannot be tested against guessed passwords elsewhere. Whether a document is a Secret is decided on the parsed
 * document, never on its text (YAML escapes can spell "Secret" without the word); a Secret's fields other than
 * its identity and type are masked too (a misspelt or merged field must not show), and so is kubectl's copy of the
 * whole object in an annotation.
 */
public final class SecretMask {

    private static final SecretKeySpec KEY;
    private static final Pattern MASKED = Pattern.compile("^<hidden:[0-9a-f]{8}>$");
    /** What a Secret may show as it is: everything else of it is masked. */
    private static final Set<String> SHOWN = Set.of("apiVersion", "kind", "metadata", "type", "immutable");
    /** kubectl's client-side apply keeps the whole object, values included, in this annotation. */
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    static {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        KEY = new SecretKeySpec(raw, "HmacSHA256");
    }

    private SecretMask() {}

    /** Whether an object (by kind and apiVersion) is a core Secret. */
    public static boolean isSecret(Object kind, Object apiVersion) {
        return "Secret".equals(String.valueOf(kind)) && (apiVersion == null || "v1".equals(String.valueOf(apiVersion)));
    }

    /** A copy of the object with every Secret value masked (in List wrappers too); any other object is returned as it is. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mask(Map<String, Object> object) {
        if (object.get("items") instanceof List<?> items && String.valueOf(object.get("kind")).endsWith("List")) {
            Map<String, Object> copy = new LinkedHashMap<>(object);
            copy.put("items", items.stream().map(i -> i instanceof Map<?, ?> m ? mask((Map<String, Object>) m) : i).toList());
            return copy;
        }
        if (!isSecret(object.get("kind"), object.get("apiVersion"))) {
            return object;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        object.forEach((field, value) -> copy.put(field, SHOWN.contains(field) ? value
                : value instanceof Map<?, ?> values ? hiddenValues(values) : hidden(value)));
        if (copy.get("metadata") instanceof Map<?, ?> metadata && metadata.get("annotations") instanceof Map<?, ?> annotations
                && annotations.containsKey(LAST_APPLIED)) {
            Map<String, Object> shownAnnotations = new LinkedHashMap<>();
            annotations.forEach((k, v) -> shownAnnotations.put(String.valueOf(k), LAST_APPLIED.equals(k) ? hidden(v) : v));
            Map<String, Object> shownMetadata = new LinkedHashMap<>();
            metadata.forEach((k, v) -> shownMetadata.put(String.valueOf(k), v));
            shownMetadata.put("annotations", shownAnnotations);
            copy.put("metadata", shownMetadata);
        }
        return copy;
    }

    /** data, stringData (and any other map of a Secret): the keys stay, each value becomes its fingerprint. */
    private static Map<String, Object> hiddenValues(Map<?, ?> values) {
        Map<String, Object> hidden = new LinkedHashMap<>();
        values.forEach((k, v) -> hidden.put(String.valueOf(k), hidden(v)));
        return hidden;
    }

    /**
     * One object's YAML with its Secret values masked (dumped anew); any other object's YAML as it is. The text is
     * always parsed: text that cannot be read is never shown (it fails closed), since nobody can tell whether it is
     * a Secret.
     */
    @SuppressWarnings("unchecked")
    public static String maskYaml(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return yaml;
        }
        Object parsed;
        try {
            YamlNesting.check(yaml, "document");
            parsed = new Load(LoadSettings.builder().setCodePointLimit(Math.max(yaml.length() + 1, 3 * 1024 * 1024)).build())
                    .loadFromString(yaml);
        } catch (RuntimeException notYaml) {
            return UNREADABLE;
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return yaml;
        }
        Map<String, Object> masked = mask((Map<String, Object>) map);
        return masked == map ? yaml : dump(masked);
    }

    /** A masked object as YAML, for showing it. */
    public static String dump(Map<String, Object> object) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(object);
    }

    /** What is shown instead of a document that is not readable YAML. */
    public static final String UNREADABLE = "# not readable as YAML: its content is hidden, since it might be a Secret's\n";

    /** The mask of one value; a value that is a mask already stays as it is. */
    public static String hidden(Object value) {
        String text = value == null ? "" : String.valueOf(value);
        return MASKED.matcher(text).matches() ? text : "<hidden:" + fingerprint(text) + ">";
    }

    private static String fingerprint(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(KEY);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
