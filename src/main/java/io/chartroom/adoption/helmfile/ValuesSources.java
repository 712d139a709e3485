package io.chartroom.adoption.helmfile;

import io.chartroom.adoption.helmfile.HelmfileProblem.Kind;
import io.chartroom.releases.values.ValuesTree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a {@code values:} list, as helmfile reads it: inline values, or a file beside the helmfile (its name
 * templated first, the second pass of helmfile's {@code {{`{{ .Release.Name }}`}}}; a {@code .gotmpl} file templated
 * itself). A missing file is an error unless {@code missingFileHandler} says Warn, Info, Debug or Silent.
 */
final class ValuesSources {

    private final RepositoryFiles files;
    private final GoTemplates templates;
    private final Problems problems;

    ValuesSources(RepositoryFiles files, GoTemplates templates, Problems problems) {
        this.files = files;
        this.templates = templates;
        this.problems = problems;
    }

    /** A one-line template (a file name): rendered as a block scalar, so that Helm reads the result as YAML whatever it is. */
    private String renderLine(String text, Map<String, Object> context, String helmfile) {
        List<Map<String, Object>> documents = HelmfileYaml.documents(templates.render("rendered: |-\n  " + text.strip() + "\n", context, helmfile, files));
        return documents.isEmpty() ? "" : String.valueOf(documents.getFirst().getOrDefault("rendered", "")).strip();
    }

    Map<String, Object> load(Where where, Object source, Map<String, Object> context, String missingFileHandler) {
        return read(where, source, context, missingFileHandler).values();
    }

    /** One entry, with where its values come from (a file that could not be read: empty values, its problem recorded). */
    HelmfileRead.ValuesSource read(Where where, Object source, Map<String, Object> context, String missingFileHandler) {
        if (source instanceof Map<?, ?> inline) {
            return new HelmfileRead.ValuesSource(HelmfileRead.ValuesSource.Kind.INLINE, where.file(), where.firstLine(), ValuesTree.copy(inline));
        }
        String helmfile = where.file();
        String name = String.valueOf(source);
        int line = where.line(name.contains("{{") ? name.substring(0, name.indexOf("{{")) : name);
        try {
            name = name.contains("{{") ? renderLine(name, context, helmfile) : name;
        } catch (GoTemplates.Failure | HelmfileYaml.Broken failure) {
            problems.add(helmfile, line, Kind.ERROR, "values file name " + source + ": " + failure.getMessage());
            return unread(helmfile, line);
        }
        String path = RepositoryFiles.resolve(helmfile, name).orElse(null);
        if (path == null) {
            problems.add(helmfile, line, Kind.ERROR, "values file " + name + " leaves the repository");
            return unread(helmfile, line);
        }
        String text = files.read(path).orElse(null);
        if (text == null) {
            switch (missingFileHandler) {
                case "Warn" -> problems.add(helmfile, line, Kind.WARNING, "values file " + path + " does not exist (missingFileHandler: Warn)");
                case "Info", "Debug", "Silent" -> { }
                default -> problems.add(helmfile, line, Kind.ERROR, "values file " + files.absence(path).replace(" in the repository", ""));
            }
            return unread(helmfile, line);
        }
        if (path.endsWith(".gotmpl")) {
            try {
                text = templates.render(text, context, helmfile, files);
            } catch (GoTemplates.Failure failure) {
                problems.add(path, Math.max(failure.line(), 1), Kind.ERROR, failure.getMessage());
                return unread(helmfile, line);
            }
        }
        try {
            List<Map<String, Object>> documents = HelmfileYaml.documents(text);
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map<String, Object> document : documents) {
                values = ValuesTree.layer(values, ValuesTree.copy(document));
            }
            return new HelmfileRead.ValuesSource(path.endsWith(".gotmpl") ? HelmfileRead.ValuesSource.Kind.TEMPLATED_FILE
                    : HelmfileRead.ValuesSource.Kind.FILE, path, 1, values);
        } catch (HelmfileYaml.Broken broken) {
            problems.add(path, broken.line, Kind.ERROR, "not YAML: " + broken.getMessage());
            return unread(helmfile, line);
        }
    }

    private static HelmfileRead.ValuesSource unread(String helmfile, int line) {
        return new HelmfileRead.ValuesSource(HelmfileRead.ValuesSource.Kind.UNREAD, helmfile, line, Map.of());
    }
}
