package io.chartroom.adoption.helmfile;

import io.chartroom.adoption.helmfile.HelmfileProblem.Kind;
import io.chartroom.releases.values.ValuesTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a helmfile repository as helmfile does, once per environment: the root helmfile ({@code helmfile.yaml} or
 * {@code helmfile.yaml.gotmpl}), split into its {@code ---} parts, each part templated with what the parts before it
 * set ({@code bases:} and {@code environments:} first, so that later parts see {@code .Environment.Values}), then
 * {@code helmfiles:} (paths and globs, each a helmfile of its own) and {@code releases:}. Environments are those any
 * helmfile or base defines. Nothing is written; what cannot be read is a problem with its file and line.
 */
public final class HelmfileReader {

    static final int MAX_DEPTH = 10;
    private static final List<String> ROOTS = List.of("helmfile.yaml", "helmfile.yaml.gotmpl");
    private static final Set<String> IGNORED = Set.of("templates", "missingFileHandler", "lockFilePath");
    /** Top-level keys that change what every release renders: Chartroom would render otherwise, so they are not passed over. */
    private static final Set<String> RENDERING = Set.of("apiVersions", "kubeVersion", "commonLabels");
    /** helmDefaults that change what is rendered (the others are how Helm applies). */
    private static final Set<String> RENDERING_DEFAULTS = Set.of("args", "postRenderer", "postRendererArgs", "kubeContext", "setString");

    private final RepositoryFiles files;
    private final GoTemplates templates;
    private final Problems problems = new Problems();

    public HelmfileReader(RepositoryFiles files, GoTemplates templates) {
        this.files = files;
        this.templates = templates;
    }

    public HelmfileRead read() {
        String root = ROOTS.stream().filter(p -> files.read(p).isPresent()).findFirst().orElse(null);
        if (root == null) {
            problems.add("helmfile.yaml", 0, Kind.ERROR, "no helmfile.yaml (or helmfile.yaml.gotmpl) at the root of the repository");
            return new HelmfileRead(List.of(), List.of(), Map.of(), problems.list());
        }
        // which environments there are: every helmfile and base read once with helmfile's "default" environment, its
        // problems set aside (they are the default environment's); without any environment, "default" is the one
        Pass discovery = new Pass("default", new Problems());
        discovery.helmfile(root, new LinkedHashMap<>(), 0);
        // in the order the files name them: the order Chartroom gives its environments (dev before production)
        Set<String> names = discovery.environmentNames.isEmpty() ? Set.of("default") : discovery.environmentNames;
        List<HelmfileRead.Environment> environments = new ArrayList<>();
        List<HelmfileRead.Release> releases = new ArrayList<>();
        Map<String, String> repositories = new TreeMap<>(discovery.repositories);
        for (String name : names) {
            Pass pass = new Pass(name, problems);
            Map<String, Object> values = pass.helmfile(root, new LinkedHashMap<>(), 0);
            environments.add(new HelmfileRead.Environment(name, pass.kubeContexts.get(name), values));
            releases.addAll(pass.releases);
            repositories.putAll(pass.repositories);
        }
        return new HelmfileRead(environments, releases, repositories, problems.list());
    }

    /** One reading of the repository for one environment. */
    private final class Pass {
        final String environment;
        final Problems problems;
        final Set<String> environmentNames = new LinkedHashSet<>();
        final Map<String, String> kubeContexts = new LinkedHashMap<>();
        final Map<String, String> repositories = new LinkedHashMap<>();
        final List<HelmfileRead.Release> releases = new ArrayList<>();
        final Deque<String> reading = new ArrayDeque<>();

        Pass(String environment, Problems problems) {
            this.environment = environment;
            this.problems = problems;
        }

        /** Reads a helmfile (or a base) with the environment's values so far; the values after it. */
        @SuppressWarnings("unchecked")
        Map<String, Object> helmfile(String path, Map<String, Object> values, int depth) {
            if (reading.contains(path)) {
                problems.add(path, 0, Kind.ERROR, "a cycle: " + String.join(" -> ", reading.reversed()) + " -> " + path);
                return values;
            }
            if (depth > MAX_DEPTH) {
                problems.add(path, 0, Kind.ERROR, "helmfiles and bases nested more than " + MAX_DEPTH + " deep");
                return values;
            }
            String text = files.read(path).orElse(null);
            if (text == null) {
                problems.add(reading.isEmpty() ? path : reading.peek(), 0, Kind.ERROR, files.absence(path));
                return values;
            }
            reading.push(path);
            try {
                for (HelmfileParts.Part part : HelmfileParts.split(text)) {
                    Map<String, Object> context = context(values);
                    String rendered;
                    try {
                        rendered = part.text().contains("{{") ? templates.render(part.text(), context, path, files) : part.text();
                    } catch (GoTemplates.Failure failure) {
                        problems.add(path, part.firstLine() + Math.max(failure.line(), 1) - 1, Kind.ERROR, failure.getMessage());
                        return values;
                    }
                    List<Map<String, Object>> documents;
                    try {
                        documents = HelmfileYaml.documents(rendered);
                    } catch (HelmfileYaml.Broken broken) {
                        problems.add(path, part.firstLine() + broken.line - 1, Kind.ERROR, "not YAML after templating: " + broken.getMessage());
                        return values;
                    }
                    Where where = new Where(path, part.firstLine(), part.text());
                    for (Map<String, Object> document : documents) {
                        values = document(where, document, values, depth);
                    }
                }
            } finally {
                reading.pop();
            }
            return values;
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> document(Where where, Map<String, Object> document, Map<String, Object> values, int depth) {
            String path = where.file();
            for (Map.Entry<String, Object> entry : document.entrySet()) {
                int line = where.line(entry.getKey() + ":");
                switch (entry.getKey()) {
                    case "bases" -> {
                        for (Object base : list(path, line, "bases", entry.getValue())) {
                            String resolved = RepositoryFiles.resolve(path, String.valueOf(base)).orElse(null);
                            if (resolved == null) {
                                problems.add(path, where.line(String.valueOf(base)), Kind.ERROR, "base " + base + " leaves the repository");
                            } else {
                                values = helmfile(resolved, values, depth + 1);
                            }
                        }
                    }
                    case "environments" -> values = environments(where, line, entry.getValue(), values);
                    case "repositories" -> {
                        for (Object repository : list(path, line, "repositories", entry.getValue())) {
                            if (repository instanceof Map<?, ?> r && r.get("name") != null) {
                                repositories.put(String.valueOf(r.get("name")), String.valueOf(r.get("url")));
                            }
                        }
                    }
                    case "releases" -> {
                        ReleaseEntries entries = new ReleaseEntries(files, templates, problems, environment, values);
                        for (Object release : list(path, line, "releases", entry.getValue())) {
                            entries.read(where, release).ifPresent(releases::add);
                        }
                    }
                    case "helmfiles" -> subHelmfiles(where, line, entry.getValue(), depth);
                    case "helmDefaults" -> {
                        if (entry.getValue() instanceof Map<?, ?> defaults) {
                            defaults.keySet().stream().map(String::valueOf).filter(RENDERING_DEFAULTS::contains).forEach(k -> problems.add(path, line,
                                    Kind.UNSUPPORTED, "helmDefaults." + k + " changes what Helm renders or where: not read by Chartroom"));
                        }
                    }
                    default -> {
                        if (RENDERING.contains(entry.getKey())) {
                            problems.add(path, line, Kind.UNSUPPORTED, "'" + entry.getKey() + "' changes what every release renders: not read by Chartroom");
                        } else if (!IGNORED.contains(entry.getKey())) {
                            problems.add(path, line, Kind.WARNING, "'" + entry.getKey() + "' is not read by Chartroom");
                        }
                    }
                }
            }
            return values;
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> environments(Where where, int line, Object definitions, Map<String, Object> values) {
            String path = where.file();
            if (!(definitions instanceof Map<?, ?> map)) {
                problems.add(path, line, Kind.ERROR, "environments: a mapping of environment names");
                return values;
            }
            for (Map.Entry<?, ?> definition : map.entrySet()) {
                String name = String.valueOf(definition.getKey());
                environmentNames.add(name);
                if (!name.equals(environment) || !(definition.getValue() instanceof Map<?, ?> settings)) {
                    continue;
                }
                if (settings.get("kubeContext") != null) {
                    kubeContexts.put(name, String.valueOf(settings.get("kubeContext")));
                }
                if (settings.get("secrets") != null) {
                    problems.add(path, line, Kind.UNSUPPORTED, "environment " + name + ": secrets (helm-secrets) are not read: give references instead");
                }
                String missing = settings.get("missingFileHandler") == null ? "Error" : String.valueOf(settings.get("missingFileHandler"));
                ValuesSources sources = new ValuesSources(files, templates, problems);
                for (Object source : list(path, line, "environments." + name + ".values", settings.get("values"))) {
                    values = ValuesTree.layer(values, sources.load(where, source, context(values), missing));
                }
            }
            return values;
        }

        private void subHelmfiles(Where where, int line, Object entries, int depth) {
            String path = where.file();
            for (Object entry : list(path, line, "helmfiles", entries)) {
                String pattern = entry instanceof Map<?, ?> m ? String.valueOf(m.get("path")) : String.valueOf(entry);
                Map<String, Object> given = new LinkedHashMap<>();
                if (entry instanceof Map<?, ?> m && m.get("values") != null) {
                    for (Object inline : list(path, line, "helmfiles.values", m.get("values"))) {
                        if (inline instanceof Map<?, ?> v) {
                            given = ValuesTree.layer(given, ValuesTree.copy(v));
                        } else {
                            problems.add(path, line, Kind.UNSUPPORTED, "helmfiles: values files passed to a sub-helmfile are not read, only inline values");
                        }
                    }
                }
                List<String> matched = pattern.contains("*") || pattern.contains("?") || pattern.contains("[") ? files.glob(path, pattern)
                        : RepositoryFiles.resolve(path, pattern).map(List::of).orElse(List.of());
                if (matched.isEmpty()) {
                    problems.add(path, where.line(pattern), Kind.ERROR, "helmfiles: " + pattern + " matches no file in the repository");
                }
                for (String sub : matched) {
                    helmfile(sub, given, depth + 1); // a sub-helmfile starts from the values given to it, not the parent's
                }
            }
        }

        /** A value that should be a list: the list, nothing for null, else the one value. */
        List<?> list(String path, int line, String what, @org.jspecify.annotations.Nullable Object value) {
            if (value instanceof List<?> list) {
                return list;
            }
            if (value != null) {
                problems.add(path, line, Kind.WARNING, what + ": a list was expected; read as a list of one");
            }
            return value == null ? List.of() : List.of(value);
        }

        Map<String, Object> context(Map<String, Object> values) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("Environment", Map.of("Name", environment, "Values", values));
            context.put("Values", values);
            return context;
        }
    }

}
