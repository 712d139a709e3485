package io.chartroom.adoption.helmfile;

import io.chartroom.adoption.helmfile.HelmfileProblem.Kind;
import io.chartroom.releases.values.ValuesTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The entries of a helmfile's {@code releases:} for one environment: name, namespace, chart, version, installed (and
 * {@code condition} on the environment's values), labels, values (files and inline, merged in order), {@code set},
 * {@code needs}. What Chartroom cannot represent (helm-secrets, patches, transformers, hooks) is named, not dropped.
 */
final class ReleaseEntries {

    private static final Set<String> UNSUPPORTED = Set.of("secrets", "strategicMergePatches", "jsonPatches", "transformers", "hooks",
            "postRenderer", "dependencies", "adopt");
    /** What Chartroom reads of a release. */
    private static final Set<String> READ = Set.of("name", "namespace", "chart", "version", "installed", "condition", "labels", "values", "set",
            "needs", "missingFileHandler");
    /** Helm's flags for install and upgrade: they change how Helm applies, not what it renders; Chartroom applies its own way. */
    private static final Set<String> APPLY_FLAGS = Set.of("createNamespace", "wait", "waitForJobs", "timeout", "atomic", "force", "recreatePods",
            "verify", "devel", "historyMax", "skipDeps", "cleanupOnFail", "disableValidation", "disableOpenAPIValidation", "disableValidationOnInstall",
            "reuseValues", "description", "deleteWait", "deleteTimeout");

    private final RepositoryFiles files;
    private final GoTemplates templates;
    private final Problems problems;
    private final String environment;
    private final Map<String, Object> environmentValues;

    ReleaseEntries(RepositoryFiles files, GoTemplates templates, Problems problems, String environment, Map<String, Object> environmentValues) {
        this.files = files;
        this.templates = templates;
        this.problems = problems;
        this.environment = environment;
        this.environmentValues = environmentValues;
    }

    Optional<HelmfileRead.Release> read(Where where, Object entry) {
        String path = where.file();
        int line = where.line(entry instanceof Map<?, ?> m && m.get("name") != null ? String.valueOf(m.get("name")) : "");
        if (!(entry instanceof Map<?, ?> release)) {
            problems.add(path, line, Kind.ERROR, "a release is a mapping (name, chart, ...), not " + entry);
            return Optional.empty();
        }
        String name = text(release.get("name"));
        String chart = text(release.get("chart"));
        if (name == null || chart == null) {
            problems.add(path, line, Kind.ERROR, "a release needs a name and a chart" + (name == null ? "" : ": " + name));
            return Optional.empty();
        }
        for (Object key : release.keySet()) {
            String k = String.valueOf(key);
            if (UNSUPPORTED.contains(k)) {
                problems.add(path, line, Kind.UNSUPPORTED, "release " + name + ": '" + key + "' cannot be represented in Chartroom");
            } else if (APPLY_FLAGS.contains(k)) {
                problems.add(path, line, Kind.WARNING, "release " + name + ": '" + key + "' is how Helm applies: Chartroom applies its own way");
            } else if (!READ.contains(k)) {
                // what is not read could change what is rendered (setString, valuesTemplate, a release's kubeContext): never dropped silently
                problems.add(path, line, Kind.UNSUPPORTED, "release " + name + ": '" + key + "' is not read by Chartroom");
            }
        }
        String namespace = text(release.get("namespace")) == null ? "default" : text(release.get("namespace"));
        Map<String, String> labels = new TreeMap<>();
        if (release.get("labels") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("Environment", Map.of("Name", environment, "Values", environmentValues));
        context.put("Values", environmentValues);
        context.put("Release", Map.of("Name", name, "Namespace", namespace, "Labels", labels, "Chart", chart));
        String missing = text(release.get("missingFileHandler")) == null ? "Error" : text(release.get("missingFileHandler"));
        ValuesSources sources = new ValuesSources(files, templates, problems);
        Map<String, Object> values = new LinkedHashMap<>();
        List<HelmfileRead.ValuesSource> read = new ArrayList<>();
        for (Object source : items(release.get("values"))) {
            HelmfileRead.ValuesSource loaded = sources.read(where, source, context, missing);
            read.add(loaded);
            values = ValuesTree.layer(values, loaded.values());
        }
        Map<String, Object> setValues = new LinkedHashMap<>();
        for (Object set : items(release.get("set"))) {
            if (set instanceof Map<?, ?> s && s.get("name") != null && !Set.of("name", "value").containsAll(s.keySet().stream().map(String::valueOf).toList())) {
                problems.add(path, line, Kind.UNSUPPORTED, "release " + name + ": set entries with " + s.keySet() + " are not read (only name and value)");
            } else if (set instanceof Map<?, ?> s && String.valueOf(s.get("name")).contains("\\")) {
                problems.add(path, line, Kind.UNSUPPORTED, "release " + name + ": set " + s.get("name") + ": escaped dots are not read");
            } else if (set instanceof Map<?, ?> s && s.get("name") != null) {
                List<Object> setPath = new ArrayList<>(List.of(String.valueOf(s.get("name")).split("\\.")));
                ValuesTree.set(values, setPath, s.get("value"));
                ValuesTree.set(setValues, setPath, s.get("value"));
            } else {
                problems.add(path, line, Kind.ERROR, "release " + name + ": set entries are {name, value}");
            }
        }
        if (!setValues.isEmpty()) {
            read.add(new HelmfileRead.ValuesSource(HelmfileRead.ValuesSource.Kind.SET, path, line, setValues));
        }
        List<String> needs = items(release.get("needs")).stream().map(String::valueOf).toList();
        return Optional.of(new HelmfileRead.Release(environment, name, namespace, chart, text(release.get("version")),
                installed(path, line, name, release), labels, values, needs, path, List.copyOf(read)));
    }

    /** {@code installed:} (true unless it says false) and {@code condition:} (a path of the environment's values that must be true). */
    private boolean installed(String path, int line, String name, Map<?, ?> release) {
        Object installed = release.get("installed");
        boolean on = installed == null || Boolean.TRUE.equals(installed) || "true".equals(String.valueOf(installed).strip());
        if (installed != null && !(installed instanceof Boolean) && !List.of("true", "false").contains(String.valueOf(installed).strip())) {
            problems.add(path, line, Kind.ERROR, "release " + name + ": installed is true or false, not " + installed);
        }
        String condition = text(release.get("condition"));
        if (condition != null) {
            Object value = ValuesTree.get(environmentValues, new ArrayList<>(List.of(condition.split("\\."))));
            on = on && Boolean.TRUE.equals(value);
        }
        return on;
    }

    static List<?> items(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }
}
