package io.chartroom.gitops.domain;

import io.chartroom.base.yaml.YamlScalar;
import io.chartroom.base.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The GitOps repository's layout, helmfile-compatible (DESIGN.md):
 * <pre>
 * helmfile.yaml                                   helmfiles: [releases/*&#47;helmfile.yaml.gotmpl]
 * environments.yaml                               environments, and the clusters each selects
 * releases/&lt;release&gt;/helmfile.yaml.gotmpl         bases, repositories, the release
 * releases/&lt;release&gt;/values/&lt;release&gt;.yaml        base values
 * releases/&lt;release&gt;/values/&lt;release&gt;--&lt;env&gt;.yaml  environment overrides
 * </pre>
 * It writes exactly this, and reads back only this: anything else fails with the file and line, never a guess.
 */
public final class RepositoryLayout {

    public static final String HELMFILE = "helmfile.yaml";
    public static final String ENVIRONMENTS = "environments.yaml";
    public static final Pattern RELEASE_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$");
    public static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    private static final Pattern ENVIRONMENT = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern INSTALLED = Pattern.compile(
            "^    installed: \\{\\{ has \\.Environment\\.Name \\(list((?: \"[a-z0-9][-a-z0-9]*\")*)\\) \\}\\}$");
    /** A chart version as a template may quote it: SemVer's characters only. */
    private static final Pattern VERSION_TEXT = Pattern.compile("^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$");
    /** Versions per environment, helmfile's way: a dictionary by environment name, the base's version as default. */
    private static final Pattern VERSIONS = Pattern.compile(
            "^    version: \\{\\{ get \\(dict((?: \"[a-z0-9][-a-z0-9]*\" \"[0-9A-Za-z][0-9A-Za-z.+_-]*\")+)\\) \\.Environment\\.Name"
                    + " \\| default \"([0-9A-Za-z][0-9A-Za-z.+_-]*)\" \\}\\}$");

    private RepositoryLayout() {}

    public static String releaseDirectory(String release) {
        return "releases/" + release + "/";
    }

    public static String helmfilePath(String release) {
        return releaseDirectory(release) + "helmfile.yaml.gotmpl";
    }

    public static String baseValuesPath(String release) {
        return releaseDirectory(release) + "values/" + release + ".yaml";
    }

    public static String environmentValuesPath(String release, String environment) {
        return releaseDirectory(release) + "values/" + release + "--" + environment + ".yaml";
    }

    /** The root helmfile.yaml, which includes every release's helmfile. */
    public static String rootHelmfile() {
        return """
                # Managed by Chartroom. Every release lives under releases/<name>/; change them through change requests.
                helmfiles:
                  - path: releases/*/helmfile.yaml.gotmpl
                """;
    }

    /**
     * The files of one release, by path. Environment files exist only where the environment overrides something.
     * What is written must read back to the same files, or nothing is written: InvalidInputException names the
     * field that would not survive (a newline, a template delimiter).
     */
    public static Map<String, String> releaseFiles(ReleaseDescription r) {
        Map<String, String> files = writeFiles(r);
        ReleaseDescription back;
        try {
            back = readRelease(r.name(), path -> Optional.ofNullable(files.get(path)));
        } catch (LayoutException e) {
            throw InvalidInputException.of("release", "the release's files would not read back: " + e.getMessage());
        }
        if (!writeFiles(back).equals(files)) {
            throw InvalidInputException.of("release", "the release's files would not read back as the same release");
        }
        return files;
    }

    private static Map<String, String> writeFiles(ReleaseDescription r) {
        Map<String, String> files = new TreeMap<>();
        files.put(helmfilePath(r.name()), releaseHelmfile(r));
        files.put(baseValuesPath(r.name()), r.baseValues().isBlank() ? "{}\n" : withNewline(r.baseValues()));
        for (String environment : r.environments()) {
            String values = r.valuesFor(environment);
            if (!values.isBlank() && !values.strip().equals("{}")) {
                files.put(environmentValuesPath(r.name(), environment), withNewline(values));
            }
        }
        return files;
    }

    static String releaseHelmfile(ReleaseDescription r) {
        ChartReference chart = r.chart();
        if (!RELEASE_NAME.matcher(r.name()).matches()) {
            throw InvalidInputException.of("name", "'" + YamlScalar.printable(r.name()) + "' is not a DNS-1123 label");
        }
        StringBuilder envs = new StringBuilder();
        for (String e : r.environments()) {
            if (!ENVIRONMENT.matcher(e).matches()) {
                throw InvalidInputException.of("environments", "'" + YamlScalar.printable(e) + "' is not an environment name");
            }
            envs.append(" \"").append(e).append('"');
        }
        return """
                # Release %1$s, managed by Chartroom: change it through a change request.
                bases:
                  - ../../environments.yaml
                ---
                repositories:
                  - name: %2$s
                    url: %3$s%4$s
                releases:
                  - name: %1$s
                    namespace: %5$s
                    chart: %6$s
                    version: %7$s
                    labels:
                      chartroom.io/team: %8$s
                    installed: {{ has .Environment.Name (list%9$s) }}
                    missingFileHandler: Info
                    values:
                      - values/%1$s.yaml
                      - values/%1$s--{{ .Environment.Name }}.yaml
                """.formatted(r.name(), YamlScalar.of("repository", chart.repository()), YamlScalar.of("repository URL", helmfileUrl(chart)),
                chart.oci() ? "\n    oci: true" : "", YamlScalar.of("namespace", r.namespace()),
                YamlScalar.of("chart", chart.repository() + "/" + chart.chart()), versionLine(r),
                YamlScalar.of("team", r.team()), envs);
    }

    /**
     * The chart version: the base's, or, when an environment runs another, helmfile's template that picks it by
     * environment name ({@code get} and {@code default} are sprig's, which helmfile has).
     */
    private static String versionLine(ReleaseDescription r) {
        if (r.chartVersions().isEmpty()) {
            return YamlScalar.of("version", r.chart().version());
        }
        StringBuilder dict = new StringBuilder();
        r.chartVersions().forEach((env, version) -> dict.append(" \"").append(env).append("\" \"")
                .append(templateVersion("chartVersions." + env, version)).append('"'));
        return "{{ get (dict" + dict + ") .Environment.Name | default \"" + templateVersion("version", r.chart().version()) + "\" }}";
    }

    private static String templateVersion(String field, String version) {
        if (!VERSION_TEXT.matcher(version).matches()) {
            throw InvalidInputException.of(field, "'" + YamlScalar.printable(version) + "' is not a chart version");
        }
        return version;
    }

    /** helmfile names OCI registries without the oci:// scheme. */
    private static String helmfileUrl(ChartReference chart) {
        return chart.oci() ? chart.repositoryUrl().replaceFirst("^oci://", "") : chart.repositoryUrl();
    }

    /**
     * Reads a release back from its files. {@code read} gives a file's text by path. Only what
     * {@link #releaseFiles} writes is accepted.
     */
    public static ReleaseDescription readRelease(String release, Function<String, Optional<String>> read) {
        String path = helmfilePath(release);
        StrictYaml yaml = new StrictYaml(path);
        String text = read.apply(path).orElseThrow(() -> yaml.fail("missing"));
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<String> environments = null;
        Map<String, String> chartVersions = new TreeMap<>();
        String envValuesLine = "      - values/" + release + "--{{ .Environment.Name }}.yaml";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher installed = INSTALLED.matcher(line);
            if (installed.matches()) {
                environments = new ArrayList<>();
                for (String quoted : installed.group(1).trim().split("\\s+")) {
                    if (!quoted.isEmpty()) {
                        environments.add(unquote(quoted));
                    }
                }
                lines.set(i, "    installed: true");
            } else if (VERSIONS.matcher(line).matches()) {
                Matcher versions = VERSIONS.matcher(line);
                versions.matches();
                String[] quoted = versions.group(1).trim().split("\\s+");
                for (int q = 0; q + 1 < quoted.length; q += 2) {
                    String env = unquote(quoted[q]);
                    if (chartVersions.put(env, unquote(quoted[q + 1])) != null) {
                        throw yaml.fail(i + 1, "environment " + env + " is named twice in the chart versions");
                    }
                }
                lines.set(i, "    version: \"" + versions.group(2) + "\"");
            } else if (line.equals(envValuesLine)) {
                lines.set(i, "      - values/" + release + "--ENVIRONMENT.yaml");
            } else if (line.contains("{{")) {
                throw yaml.fail(i + 1, "only Chartroom's own template expressions are supported here");
            }
        }
        if (environments == null) {
            throw yaml.fail("no 'installed: {{ has .Environment.Name (list ...) }}' line naming the environments");
        }
        for (String env : chartVersions.keySet()) {
            if (!environments.contains(env)) {
                throw yaml.fail("the chart versions name environment " + env + ", which the release does not run in");
            }
        }
        List<Node> documents = yaml.documents(String.join("\n", lines));
        if (documents.size() != 2) {
            throw yaml.fail("expected two YAML documents (bases, then the release), found " + documents.size());
        }
        Map<String, Node> bases = yaml.mapping(documents.get(0), Set.of("bases"));
        List<Node> baseList = yaml.sequence(bases.get("bases"));
        if (baseList.size() != 1 || !"../../environments.yaml".equals(yaml.scalar(baseList.getFirst()))) {
            throw yaml.fail(bases.get("bases"), "bases must be [../../environments.yaml]");
        }
        Map<String, Node> body = yaml.mapping(documents.get(1), Set.of("repositories", "releases"));
        List<Node> repositories = yaml.sequence(yaml.required(documents.get(1), body, "repositories"));
        if (repositories.size() != 1) {
            throw yaml.fail(body.get("repositories"), "exactly one repository is expected");
        }
        Map<String, Node> repository = yaml.mapping(repositories.getFirst(), Set.of("name", "url", "oci"));
        String repositoryName = yaml.scalar(yaml.required(repositories.getFirst(), repository, "name"));
        String url = yaml.scalar(yaml.required(repositories.getFirst(), repository, "url"));
        boolean oci = repository.containsKey("oci") && "true".equals(yaml.scalar(repository.get("oci")));
        List<Node> releases = yaml.sequence(yaml.required(documents.get(1), body, "releases"));
        if (releases.size() != 1) {
            throw yaml.fail(body.get("releases"), "exactly one release is expected");
        }
        Node releaseNode = releases.getFirst();
        Map<String, Node> r = yaml.mapping(releaseNode,
                Set.of("name", "namespace", "chart", "version", "labels", "installed", "missingFileHandler", "values"));
        String name = yaml.scalar(yaml.required(releaseNode, r, "name"));
        if (!name.equals(release)) {
            throw yaml.fail(r.get("name"), "the release is named " + name + " but lives in releases/" + release);
        }
        String chart = yaml.scalar(yaml.required(releaseNode, r, "chart"));
        if (!chart.startsWith(repositoryName + "/")) {
            throw yaml.fail(r.get("chart"), "the chart must come from repository " + repositoryName);
        }
        Map<String, Node> labels = yaml.mapping(yaml.required(releaseNode, r, "labels"), Set.of("chartroom.io/team"));
        List<Node> values = yaml.sequence(yaml.required(releaseNode, r, "values"));
        List<String> valueFiles = values.stream().map(yaml::scalar).toList();
        if (!valueFiles.equals(List.of("values/" + release + ".yaml", "values/" + release + "--ENVIRONMENT.yaml"))) {
            throw yaml.fail(r.get("values"), "values must be the release's base file, then its environment file");
        }
        Map<String, String> environmentValues = new LinkedHashMap<>();
        for (String environment : environments) {
            read.apply(environmentValuesPath(release, environment)).ifPresent(v -> environmentValues.put(environment, v));
        }
        String base = read.apply(baseValuesPath(release))
                .orElseThrow(() -> new LayoutException(baseValuesPath(release), "missing"));
        String version = yaml.scalar(yaml.required(releaseNode, r, "version"));
        if (chartVersions.containsValue(version)) {
            throw yaml.fail(r.get("version"), "an environment's chart version repeats the default " + version);
        }
        return new ReleaseDescription(name, yaml.scalar(yaml.required(releaseNode, r, "namespace")),
                yaml.scalar(yaml.required(labels.get("chartroom.io/team"), labels, "chartroom.io/team")),
                new ChartReference(repositoryName, oci ? "oci://" + url : url, oci, chart.substring(repositoryName.length() + 1),
                        version),
                environments, base.strip().equals("{}") ? "" : base, environmentValues, chartVersions);
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    /** A YAML scalar, quoted by the YAML library where needed (for environments.yaml). */
    static String scalar(String value) {
        return YamlScalar.of("value", value);
    }

    private static String withNewline(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }
}
