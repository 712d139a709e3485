package io.chartroom.adoption.helmfile;

import io.chartroom.base.yaml.HelmReadableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * Helmfile's templates run by Helm's own template engine: the text becomes the one template of a throwaway chart,
 * inside {@code {{ with .Values.ctx }}} on its first line (so that {@code .Environment}, {@code .Values} and
 * {@code .Release} are helmfile's and line numbers stay the file's), rendered by a {@link Renderer} (the render
 * workers; Helm in process in tests). Sprig's functions are there; helmfile's own that reach the host are not:
 * {@code exec} and {@code getHostByName} are refused; {@code env} and {@code requiredEnv} read only the names an ADMIN
 * allows ({@link EnvCalls}); {@code readFile} reads inside the repository ({@link ReadFileCalls}). One instance serves one read, at
 * most {@link #MAX_RENDERS} renders.
 */
public final class ChartWrappedTemplates implements GoTemplates {

    /** Renders a chart directory with a values file's text: the manifest, or Helm's error. */
    public interface Renderer {
        Result render(Path chart, String chartKey, String values);

        record Result(@Nullable String manifest, @Nullable String error) {}
    }

    static final String TEMPLATE = "templates/helmfile.yaml";
    private static final Pattern LINE = Pattern.compile("helmfile\\.yaml:(\\d+)(?::\\d+)?");
    private static final Pattern YAML_LINE = Pattern.compile("yaml: line (\\d+)");
    private static final Pattern UNDEFINED = Pattern.compile("function \"(\\w+)\" not defined");
    private static final Dump VALUES = new Dump(DumpSettings.builder().setSchema(HelmReadableSchema.INSTANCE).build());

    /** Renders one read may ask for: a repository of 200 releases in 3 environments needs ~800. */
    static final int MAX_RENDERS = 10_000;
    /** Sprig functions Helm keeps that reach the network (DNS): refused before anything runs. */
    private static final Pattern HOST_FUNCTIONS = Pattern.compile("\\bgetHostByName\\b");
    /** A template built while it runs (from text or a file read) could call what the text is checked not to: refused. */
    private static final Pattern RUNTIME_TEMPLATES = Pattern.compile("\\btpl\\b");

    private final Path workDirectory;
    private final Renderer renderer;
    private final Map<String, String> environment;
    private final java.util.Set<String> allowlist;
    private int renders;

    public ChartWrappedTemplates(Path workDirectory, Renderer renderer) {
        this(workDirectory, renderer, java.util.Set.of(), Map.of());
    }

    /** {@code allowlist}: the names {@code env} may read; {@code environment}: those of them that are set, with their values. */
    public ChartWrappedTemplates(Path workDirectory, Renderer renderer, java.util.Set<String> allowlist, Map<String, String> environment) {
        this.workDirectory = workDirectory;
        this.renderer = renderer;
        this.allowlist = java.util.Set.copyOf(allowlist);
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String render(String text, Map<String, Object> context, String from, RepositoryFiles files) {
        Matcher host = HOST_FUNCTIONS.matcher(text);
        if (host.find()) {
            throw new Failure(TemplateActions.lineOf(text, host.start()), "getHostByName is refused: a repository's templates do not reach the network");
        }
        int built = TemplateActions.firstLine(text, RUNTIME_TEMPLATES);
        if (built > 0) {
            throw new Failure(built, "tpl is refused: a template built while it runs could do what a repository's templates may not");
        }
        if (++renders > MAX_RENDERS) {
            throw new Failure(0, "more than " + MAX_RENDERS + " templates in one read: not read further");
        }
        Map<String, String> included = new TreeMap<>();
        String template = "{{ with .Values.ctx }}" + EnvCalls.rewrite(ReadFileCalls.rewrite(text, from, files, included), environment, allowlist)
                + "{{ end }}";
        String key = sha256(template + included);
        Path chart = workDirectory.resolve(key);
        try {
            if (!Files.exists(chart.resolve(TEMPLATE))) {
                Files.createDirectories(chart.resolve("templates"));
                Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: helmfile\nversion: 0.0.0\n");
                for (Map.Entry<String, String> file : included.entrySet()) {
                    Path copy = chart.resolve(ReadFileCalls.DIRECTORY + file.getKey());
                    Files.createDirectories(copy.getParent());
                    Files.writeString(copy, file.getValue());
                }
                Files.writeString(chart.resolve(TEMPLATE), template);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Renderer.Result result = renderer.render(chart, "helmfile-" + key, VALUES.dumpToString(Map.of("ctx", context)));
        if (result.error() != null) {
            throw failure(result.error());
        }
        return manifestText(result.manifest() == null ? "" : result.manifest());
    }

    /** Helm's output without its "---" and "# Source:" lines: the rendered text as helmfile would have it. */
    static String manifestText(String manifest) {
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (String document : manifest.split("(?m)^---\\s*\\n# Source: helmfile/" + Pattern.quote(TEMPLATE) + "\\s*\\n")) {
            if (document.isBlank()) {
                continue;
            }
            text.append(first ? "" : "---\n").append(document);
            first = false;
        }
        return text.toString();
    }

    /** Helm's error as a failure at the file's line, in words that say what to do. */
    static Failure failure(String error) {
        String message = error.replace("Use --debug flag to render out invalid YAML", "").strip()
                .replaceAll("^(parse error at \\([^)]*\\): |template: helmfile/templates/helmfile\\.yaml:\\d+:\\d+: )", "")
                .replaceAll("executing \"helmfile/templates/helmfile\\.yaml\" at ", "at ");
        Matcher undefined = UNDEFINED.matcher(message);
        if (undefined.find()) {
            message = switch (undefined.group(1)) {
                case "exec" -> "exec is refused: Chartroom runs no program that a repository names";
                case "env", "requiredEnv" -> undefined.group(1) + " is not read: the portal's environment is not the repository's to see";
                case "readDir", "readDirEntries", "isFile", "isDir" -> undefined.group(1) + " is not supported yet";
                default -> message;
            };
        }
        Matcher line = LINE.matcher(error);
        Matcher yamlLine = YAML_LINE.matcher(error);
        int at = line.find() ? Integer.parseInt(line.group(1)) : yamlLine.find() ? Integer.parseInt(yamlLine.group(1)) : 0;
        return new Failure(at, message.lines().findFirst().orElse(message));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
