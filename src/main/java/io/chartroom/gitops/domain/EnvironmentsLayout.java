package io.chartroom.gitops.domain;

import io.chartroom.base.yaml.YamlScalar;
import io.chartroom.base.kube.KubernetesVersion;
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
    private static final Set<String> SETTINGS = Set.of("description", "clusterSelector", "kubeVersion", "selfHeal", "pruneCrds", "approvals");
    private static final Set<String> APPROVALS = Set.of("required", "role", "team", "admin", "onHost");
    private static final Set<String> ROLES = Set.of("APPROVER", "ADMIN");
    /** An approver team as approvals name it: the owning team, or a team's name. */
    private static final Pattern TEAM = Pattern.compile("^(@owner|[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)$");
    /** An environment's name: it names files (values/<release>--<env>.yaml) and keys here. */
    public static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,28}[a-z0-9])?$");

    private EnvironmentsLayout() {}

    /** The file for these environments, in order; settings the definition leaves open (null) are left out. */
    public static String write(List<EnvironmentDefinition> environments) {
        StringBuilder sb = new StringBuilder("""
                # Managed by Chartroom through change requests: the environments in order, the clusters (by label
                # selector) each one deploys to, how it is reconciled, and who approves changes to it.
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
            if (e.selfHeal() != null) {
                sb.append("          selfHeal: ").append(e.selfHeal()).append('\n');
            }
            if (e.pruneCrds() != null) {
                sb.append("          pruneCrds: ").append(e.pruneCrds()).append('\n');
            }
            if (e.approvals() != null) {
                EnvironmentDefinition.Approvals a = e.approvals();
                sb.append("          approvals:\n")
                        .append("            required: ").append(a.required()).append('\n')
                        .append("            role: ").append(RepositoryLayout.scalar(a.role())).append('\n');
                if (a.team() != null) {
                    sb.append("            team: ").append(RepositoryLayout.scalar(a.team())).append('\n');
                }
                sb.append("            admin: ").append(a.admin()).append('\n');
                if (a.onHost()) {
                    sb.append("            onHost: true\n");
                }
            }
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
            if (!KubernetesVersion.isWritten(kubeVersion)) {
                throw yaml.fail(settings.get("kubeVersion"), "'" + YamlScalar.printable(kubeVersion) + "' is not a Kubernetes version");
            }
            definitions.add(new EnvironmentDefinition(environment.getKey(),
                    yaml.scalar(yaml.required(settingsNode, settings, "description")),
                    yaml.scalar(yaml.required(settingsNode, settings, "clusterSelector")), kubeVersion,
                    flag(yaml, settings, "selfHeal"), flag(yaml, settings, "pruneCrds"),
                    settings.containsKey("approvals") ? approvals(yaml, settings.get("approvals")) : null));
        }
        return List.copyOf(definitions);
    }

    private static Boolean flag(StrictYaml yaml, Map<String, Node> settings, String key) {
        if (!settings.containsKey(key)) {
            return null;
        }
        String text = yaml.scalar(settings.get(key));
        if (!text.equals("true") && !text.equals("false")) {
            throw yaml.fail(settings.get(key), key + " must be true or false, not '" + YamlScalar.printable(text) + "'");
        }
        return Boolean.valueOf(text);
    }

    private static EnvironmentDefinition.Approvals approvals(StrictYaml yaml, Node node) {
        Map<String, Node> fields = yaml.mapping(node, APPROVALS);
        String required = yaml.scalar(yaml.required(node, fields, "required"));
        if (!required.matches("^[0-9]$")) {
            throw yaml.fail(fields.get("required"), "required must be a number of approvals from 0 to 9, not '" + YamlScalar.printable(required) + "'");
        }
        String role = yaml.scalar(yaml.required(node, fields, "role"));
        if (!ROLES.contains(role)) {
            throw yaml.fail(fields.get("role"), "role must be APPROVER or ADMIN, not '" + YamlScalar.printable(role) + "'");
        }
        String team = fields.containsKey("team") ? yaml.scalar(fields.get("team")) : null;
        if (team != null && !TEAM.matcher(team).matches()) {
            throw yaml.fail(fields.get("team"), "team must be @owner or a team's name, not '" + YamlScalar.printable(team) + "'");
        }
        Boolean admin = flag(yaml, fields, "admin");
        Boolean onHost = flag(yaml, fields, "onHost");
        return new EnvironmentDefinition.Approvals(Integer.parseInt(required), role, team, Boolean.TRUE.equals(admin), Boolean.TRUE.equals(onHost));
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
