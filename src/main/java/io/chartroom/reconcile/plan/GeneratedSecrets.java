package io.chartroom.reconcile.plan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.render.service.GeneratedKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Secret keys a chart generates (a password from randAlphaNum, kept by Helm with `lookup` on a real install):
 * the render workers' `lookup` finds nothing, so every render makes a new one. Found by rendering the same
 * inputs twice, once per unit and input fingerprint; once such a key exists on the cluster, its live value is
 * what Chartroom applies and compares, so that neither a change nor a restart rotates it. Rotating is asked
 * for explicitly.
 */
@Component
public class GeneratedSecrets {

    /** By unit fingerprint: a Secret's name to its generated keys (one release's Secrets have distinct names). */
    private final Cache<String, Map<String, Set<String>>> known = Caffeine.newBuilder().maximumSize(20_000).build();

    /** The generated keys of each Secret the manifest has; {@code again} renders the same inputs once more, uncached. */
    public Map<String, Set<String>> of(String fingerprint, String manifest, Supplier<String> again) {
        if (!manifest.contains("Secret")) {
            return Map.of();
        }
        return known.get(fingerprint, f -> GeneratedKeys.between(manifest, again.get()));
    }

    /** Forgets what was learnt for a fingerprint (a rotation renders anew). */
    void forget(String fingerprint) {
        known.invalidate(fingerprint);
    }

    /**
     * The Secret to apply or compare: each generated key that the live Secret has takes its live value (as
     * data, base64, as the API server keeps it). Other objects, and Secrets not on the cluster yet, are unchanged.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> keepLive(Map<String, Object> desired, Map<String, Object> live, Set<String> generated) {
        if (live == null || generated == null || generated.isEmpty() || !(live.get("data") instanceof Map<?, ?> liveData)) {
            return desired;
        }
        Map<String, Object> data = desired.get("data") instanceof Map<?, ?> d ? new LinkedHashMap<>((Map<String, Object>) d) : new LinkedHashMap<>();
        Map<String, Object> stringData = desired.get("stringData") instanceof Map<?, ?> s ? new LinkedHashMap<>((Map<String, Object>) s) : null;
        boolean changed = false;
        for (String key : generated) {
            if (liveData.get(key) != null) {
                data.put(key, liveData.get(key));
                if (stringData != null) {
                    stringData.remove(key);
                }
                changed = true;
            }
        }
        if (!changed) {
            return desired;
        }
        Map<String, Object> copy = new LinkedHashMap<>(desired);
        copy.put("data", data);
        if (stringData != null) {
            if (stringData.isEmpty()) {
                copy.remove("stringData");
            } else {
                copy.put("stringData", stringData);
            }
        }
        return copy;
    }

}
