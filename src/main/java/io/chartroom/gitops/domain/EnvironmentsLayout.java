package io.chartroom.gitops.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * environments.yaml as Chartroom writes it: helmfile's {@code environments:} with each environment's settings
 * under {@code values: [chartroom: {...}]}. It reads back only that; a team's own environments.yaml (values
 * files, other keys) fails with the file and line, and is then not Chartroom's to rewrite.
 */
public final class EnvironmentsLayout {

    private static final String PATH = RepositoryLayout.ENVIRONMENTS;
    private static final Set<String> SETTINGS = Set.of("description", "clusterSelector", "kubeVersion");
    /** An environment's name: it names files (values/<release>--<env>.yaml) and keys here. */
    public static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,28}[a-z0-9])?$");
    /** A Kubernetes version as environments give it: 1.31 or v1.31.2. */
    public static final Pattern KUBE_VERSION = Pattern.compile("^v?\\d+\\.\\d+(\\.\\d+)?$");

    private EnvironmentsLayout() {}

    /** The file for these environments, in order. */
    public static String write(List<EnvironmentDefinition> environments) {
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
                    .append("          description: ").append(RepositoryLayout.scalar(e.description())).append('\n')
                    .append("          clusterSelector: ").append(RepositoryLayout.scalar(e.clusterSelector())).append('\n')
                    .append("          kubeVersion: ").append(RepositoryLayout.scalar(e.kubeVersion())).append('\n');
        }
        return sb.toString();
    }

    /** The environments a file that Chartroom wrote lists, in order; LayoutException for anything else. */
    public static List<EnvironmentDefinition> read(String text) {
        StrictYaml yaml = new StrictYaml(PATH);
        List<Node> documents = yaml.documents(text);
        if (documents.size() != 1) {
            throw yaml.fail("expected one YAML document, found " + documents.size());
        }
        Map<String, Node> root = yaml.mapping(documents.getFirst(), Set.of("environments"));
        Node all = yaml.required(documents.getFirst(), root, "environments");
        List<EnvironmentDefinition> definitions = new ArrayList<>();
        for (var environment : yaml.mapping(all).entrySet()) {
            if (!NAME.matcher(environment.getKey()).matches()) {
                throw yaml.fail(environment.getValue(), "'" + YamlScalar.printable(environment.getKey())
                        + "' is not an environment name Chartroom writes (lowercase letters, digits and dashes, 1-30 characters)");
            }
            Map<String, Node> body = yaml.mapping(environment.getValue(), Set.of("values"));
            List<Node> values = yaml.sequence(yaml.required(environment.getValue(), body, "values"));
            if (values.size() != 1) {
                throw yaml.fail(body.get("values"), "Chartroom writes exactly one entry (chartroom: ...) under values");
            }
            Map<String, Node> wrapper = yaml.mapping(values.getFirst(), Set.of("chartroom"));
            Node settingsNode = yaml.required(values.getFirst(), wrapper, "chartroom");
            Map<String, Node> settings = yaml.mapping(settingsNode, SETTINGS);
            String kubeVersion = yaml.scalar(yaml.required(settingsNode, settings, "kubeVersion"));
            if (!KUBE_VERSION.matcher(kubeVersion).matches()) {
                throw yaml.fail(settings.get("kubeVersion"), "'" + YamlScalar.printable(kubeVersion) + "' is not a Kubernetes version");
            }
            definitions.add(new EnvironmentDefinition(environment.getKey(),
                    yaml.scalar(yaml.required(settingsNode, settings, "description")),
                    yaml.scalar(yaml.required(settingsNode, settings, "clusterSelector")), kubeVersion));
        }
        return List.copyOf(definitions);
    }

    /** Whether the root helmfile.yaml is the one Chartroom writes (it includes every release's helmfile). */
    public static void readRootHelmfile(String text) {
        StrictYaml yaml = new StrictYaml(RepositoryLayout.HELMFILE);
        List<Node> documents = yaml.documents(text);
        if (documents.size() != 1) {
            throw yaml.fail("expected one YAML document, found " + documents.size());
        }
        Map<String, Node> root = yaml.mapping(documents.getFirst(), Set.of("helmfiles"));
        List<Node> helmfiles = yaml.sequence(yaml.required(documents.getFirst(), root, "helmfiles"));
        if (helmfiles.size() != 1) {
            throw yaml.fail(root.get("helmfiles"), "Chartroom includes exactly releases/*/helmfile.yaml.gotmpl here");
        }
        Map<String, Node> entry = yaml.mapping(helmfiles.getFirst(), Set.of("path"));
        String path = yaml.scalar(yaml.required(helmfiles.getFirst(), entry, "path"));
        if (!path.equals("releases/*/helmfile.yaml.gotmpl")) {
            throw yaml.fail(entry.get("path"), "Chartroom includes releases/*/helmfile.yaml.gotmpl, not " + path);
        }
    }
}
