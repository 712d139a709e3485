package io.chartroom.releases.service;

import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.releases.values.SecretFields;
import io.chartroom.releases.values.ValuesPaths;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The title a change of a release gets when its author gives none: what changed, as a reviewer scans a list of
 * them. "payments-api: production replicaCount 5 -> 7", "payments-api: dev web-service 1.2.0 -> 1.3.0",
 * "payments-api: 4 values in base, production", "Create payments-api (web-service 1.2.0)".
 */
public final class ChangeTitle {

    private static final int SHOWN_CHANGES = 2;
    private static final int VALUE_CHARS = 24;

    private ChangeTitle() {}

    public static String of(@Nullable ReleaseDescription before, ReleaseDescription after) {
        if (before == null) {
            return "Create " + after.name() + " (" + after.chart().chart() + " " + after.versionText() + ")";
        }
        List<String> changes = new ArrayList<>();
        Set<String> layers = new LinkedHashSet<>();
        for (String env : after.environments()) {
            if (!before.environments().contains(env)) {
                changes.add("runs in " + env);
                layers.add(env);
            } else if (!before.versionFor(env).equals(after.versionFor(env))) {
                changes.add(env + " " + after.chart().chart() + " " + before.versionFor(env) + " -> " + after.versionFor(env));
                layers.add(env);
            }
        }
        before.environments().stream().filter(env -> !after.environments().contains(env)).forEach(env -> {
            changes.add("leaves " + env);
            layers.add(env);
        });
        valueChanges("base", before.baseValues(), after.baseValues(), changes, layers);
        for (String env : after.environments()) {
            if (before.environments().contains(env)) {
                valueChanges(env, before.valuesFor(env), after.valuesFor(env), changes, layers);
            }
        }
        if (!before.namespace().equals(after.namespace())) {
            changes.add("namespace " + before.namespace() + " -> " + after.namespace());
        }
        if (changes.isEmpty()) {
            return "Update " + after.name();
        }
        if (changes.size() <= SHOWN_CHANGES) {
            return after.name() + ": " + String.join("; ", changes);
        }
        return after.name() + ": " + changes.size() + " changes in " + String.join(", ", layers);
    }

    private static void valueChanges(String layer, String before, String after, List<String> changes, Set<String> layers) {
        Map<String, Object> old;
        Map<String, Object> now;
        try {
            old = ValuesYaml.parse(before, layer);
            now = ValuesYaml.parse(after, layer);
        } catch (RuntimeException unparsable) {
            return; // the change request's checks say so
        }
        Set<List<Object>> paths = new LinkedHashSet<>(ValuesTree.leafPaths(old));
        paths.addAll(ValuesTree.leafPaths(now));
        for (List<Object> path : paths) {
            Object was = ValuesTree.get(old, path);
            Object is = ValuesTree.get(now, path);
            if (!Objects.equals(was, is)) {
                // a title lands in the commit, the change request and the audit log: a secret's value never
                boolean secret = path.getLast() instanceof String key && SecretFields.isSecretByName(key, null);
                changes.add(layer + " " + ValuesPaths.text(path) + (secret ? " changed" : " " + shown(was) + " -> " + shown(is)));
                layers.add(layer);
            }
        }
    }

    private static String shown(@Nullable Object value) {
        if (value == null) {
            return "(unset)";
        }
        String text = value instanceof Map<?, ?> || value instanceof List<?> ? "{…}" : String.valueOf(value).replaceAll("\\s+", " ");
        return text.length() > VALUE_CHARS ? text.substring(0, VALUE_CHARS - 1) + "…" : text;
    }
}
