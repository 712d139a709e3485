package io.chartroom.gitops.domain;

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
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

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
    private static final Pattern INSTALLED = Pattern.compile(
            "^    installed: \\{\\{ has \\.Environment\\.Name \\(list((?: \"[a-z0-9][-a-z0-9]*\")*)\\) \\}\\}$");
    private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/:@+-]*$");

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

    /** environments.yaml: each environment's description, cluster selector and default Kubernetes version. */
    public static String environmentsFile(List<EnvironmentDefinition> environments) {
        StringBuilder sb = new StringBuilder("""
                # Managed by Chartroom: the environments in order, and the clusters (by label selector) each one deploys to.
                environments:
                """);
        if (environments.isEmpty()) {
            return sb.toString().replace("environments:\n", "environments: {}\n");
        }
        for (EnvironmentDefinition e : environments) {
            sb.append("  ").append(e.name()).append(":\n")
                    .append("    values:\n")
                    .append("      - chartroom:\n")
                    .append("          description: ").append(scalar(e.description())).append('\n')
                    .append("          clusterSelector: ").append(scalar(e.clusterSelector())).append('\n')
                    .append("          kubeVersion: ").append(scalar(e.kubeVersion())).append('\n');
        }
        return sb.toString();
    }

    /** The files of one release, by path. Environment files exist only where the environment overrides something. */
    public static Map<String, String> releaseFiles(ReleaseDescription r) {
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
        StringBuilder envs = new StringBuilder();
        r.environments().forEach(e -> envs.append(" \"").append(e).append('"'));
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
                    chart: %2$s/%6$s
                    version: %7$s
                    labels:
                      chartroom.io/team: %8$s
                    installed: {{ has .Environment.Name (list%9$s) }}
                    missingFileHandler: Info
                    values:
                      - values/%1$s.yaml
                      - values/%1$s--{{ .Environment.Name }}.yaml
                """.formatted(r.name(), chart.repository(), scalar(helmfileUrl(chart)), chart.oci() ? "\n    oci: true" : "",
                r.namespace(), chart.chart(), scalar(chart.version()), scalar(r.team()), envs);
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
        String text = read.apply(path).orElseThrow(() -> new LayoutException(path + ": missing"));
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<String> environments = null;
        String envValuesLine = "      - values/" + release + "--{{ .Environment.Name }}.yaml";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher installed = INSTALLED.matcher(line);
            if (installed.matches()) {
                environments = new ArrayList<>();
                for (String quoted : installed.group(1).trim().split("\\s+")) {
                    if (!quoted.isEmpty()) {
                        environments.add(quoted.substring(1, quoted.length() - 1));
                    }
                }
                lines.set(i, "    installed: true");
            } else if (line.equals(envValuesLine)) {
                lines.set(i, "      - values/" + release + "--ENVIRONMENT.yaml");
            } else if (line.contains("{{")) {
                throw new LayoutException(path + ":" + (i + 1) + ": only Chartroom's own template expressions are supported here");
            }
        }
        if (environments == null) {
            throw new LayoutException(path + ": no 'installed: {{ has .Environment.Name (list ...) }}' line naming the environments");
        }
        List<Node> documents = compose(path, String.join("\n", lines));
        if (documents.size() != 2) {
            throw new LayoutException(path + ": expected two YAML documents (bases, then the release), found " + documents.size());
        }
        Map<String, Node> bases = mapping(path, documents.get(0), Set.of("bases"));
        List<Node> baseList = sequence(path, bases.get("bases"));
        if (baseList.size() != 1 || !"../../environments.yaml".equals(scalarValue(path, baseList.getFirst()))) {
            throw new LayoutException(at(path, bases.get("bases")) + ": bases must be [../../environments.yaml]");
        }
        Map<String, Node> body = mapping(path, documents.get(1), Set.of("repositories", "releases"));
        List<Node> repositories = sequence(path, required(path, documents.get(1), body, "repositories"));
        if (repositories.size() != 1) {
            throw new LayoutException(at(path, body.get("repositories")) + ": exactly one repository is expected");
        }
        Map<String, Node> repository = mapping(path, repositories.getFirst(), Set.of("name", "url", "oci"));
        String repositoryName = scalarValue(path, required(path, repositories.getFirst(), repository, "name"));
        String url = scalarValue(path, required(path, repositories.getFirst(), repository, "url"));
        boolean oci = repository.containsKey("oci") && "true".equals(scalarValue(path, repository.get("oci")));
        List<Node> releases = sequence(path, required(path, documents.get(1), body, "releases"));
        if (releases.size() != 1) {
            throw new LayoutException(at(path, body.get("releases")) + ": exactly one release is expected");
        }
        Node releaseNode = releases.getFirst();
        Map<String, Node> r = mapping(path, releaseNode,
                Set.of("name", "namespace", "chart", "version", "labels", "installed", "missingFileHandler", "values"));
        String name = scalarValue(path, required(path, releaseNode, r, "name"));
        if (!name.equals(release)) {
            throw new LayoutException(at(path, r.get("name")) + ": the release is named " + name + " but lives in releases/" + release);
        }
        String chart = scalarValue(path, required(path, releaseNode, r, "chart"));
        if (!chart.startsWith(repositoryName + "/")) {
            throw new LayoutException(at(path, r.get("chart")) + ": the chart must come from repository " + repositoryName);
        }
        Map<String, Node> labels = mapping(path, required(path, releaseNode, r, "labels"), Set.of("chartroom.io/team"));
        List<Node> values = sequence(path, required(path, releaseNode, r, "values"));
        List<String> valueFiles = values.stream().map(v -> scalarValue(path, v)).toList();
        if (!valueFiles.equals(List.of("values/" + release + ".yaml", "values/" + release + "--ENVIRONMENT.yaml"))) {
            throw new LayoutException(at(path, r.get("values")) + ": values must be the release's base file, then its environment file");
        }
        Map<String, String> environmentValues = new LinkedHashMap<>();
        for (String environment : environments) {
            read.apply(environmentValuesPath(release, environment)).ifPresent(v -> environmentValues.put(environment, v));
        }
        String base = read.apply(baseValuesPath(release))
                .orElseThrow(() -> new LayoutException(baseValuesPath(release) + ": missing"));
        return new ReleaseDescription(name, scalarValue(path, required(path, releaseNode, r, "namespace")),
                scalarValue(path, required(path, labels.get("chartroom.io/team"), labels, "chartroom.io/team")),
                new ChartReference(repositoryName, oci ? "oci://" + url : url, oci, chart.substring(repositoryName.length() + 1),
                        scalarValue(path, required(path, releaseNode, r, "version"))),
                environments, base.strip().equals("{}") ? "" : base, environmentValues);
    }

    private static List<Node> compose(String path, String text) {
        try {
            List<Node> documents = new ArrayList<>();
            new Compose(LoadSettings.builder().build()).composeAllFromString(text).forEach(documents::add);
            return documents;
        } catch (MarkedYamlEngineException e) {
            throw new LayoutException(path + e.getProblemMark().map(m -> ":" + (m.getLine() + 1)).orElse("") + ": " + e.getProblem());
        }
    }

    private static Map<String, Node> mapping(String path, Node node, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw new LayoutException(at(path, node) + ": expected a mapping");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = scalarValue(path, t.getKeyNode());
            if (!allowed.contains(key)) {
                throw new LayoutException(at(path, t.getKeyNode()) + ": '" + key + "' is not something Chartroom writes here");
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    private static Node required(String path, Node parent, Map<String, Node> map, String key) {
        Node node = map.get(key);
        if (node == null) {
            throw new LayoutException(at(path, parent) + ": '" + key + "' is missing");
        }
        return node;
    }

    private static List<Node> sequence(String path, Node node) {
        if (!(node instanceof SequenceNode sequence)) {
            throw new LayoutException(at(path, node) + ": expected a list");
        }
        return sequence.getValue();
    }

    private static String scalarValue(String path, Node node) {
        if (!(node instanceof ScalarNode scalar)) {
            throw new LayoutException(at(path, node) + ": expected a single value");
        }
        return scalar.getValue();
    }

    private static String at(String path, Node node) {
        return path + (node == null ? "" : node.getStartMark().map(m -> ":" + (m.getLine() + 1)).orElse(""));
    }

    /** A YAML scalar: plain when unambiguous, else double-quoted (JSON escaping is valid YAML). */
    static String scalar(String value) {
        if (value == null) {
            return "\"\"";
        }
        if (PLAIN.matcher(value).matches() && !value.matches("(?i)true|false|null|yes|no|on|off|~|[-+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
            return value;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String withNewline(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }
}
