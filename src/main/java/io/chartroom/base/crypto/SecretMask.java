package io.chartroom.base.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
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
 * cannot be tested against guessed passwords elsewhere.
 */
public final class SecretMask {

    private static final SecretKeySpec KEY;
    private static final Pattern MASKED = Pattern.compile("^<hidden:[0-9a-f]{8}>$");

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
        Map<String, Object> copy = new LinkedHashMap<>(object);
        for (String field : new String[] {"data", "stringData"}) {
            if (copy.get(field) instanceof Map<?, ?> values) {
                Map<String, Object> hidden = new LinkedHashMap<>();
                values.forEach((k, v) -> hidden.put(String.valueOf(k), hidden(v)));
                copy.put(field, hidden);
            }
        }
        return copy;
    }

    /**
     * One object's YAML with its Secret values masked (dumped anew); any other object's YAML as it is. Text that
     * names a Secret but cannot be read is never shown: it fails closed.
     */
    @SuppressWarnings("unchecked")
    public static String maskYaml(String yaml) {
        if (yaml == null || !yaml.contains("Secret")) {
            return yaml;
        }
        Object parsed;
        try {
            parsed = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        } catch (RuntimeException notYaml) {
            return UNREADABLE;
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return yaml;
        }
        Map<String, Object> masked = mask((Map<String, Object>) map);
        return masked == map ? yaml : new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(masked);
    }

    /** What is shown instead of a document that names a Secret but is not readable YAML. */
    public static final String UNREADABLE = "# not readable as YAML, and it names a Secret: its content is hidden\n";

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
