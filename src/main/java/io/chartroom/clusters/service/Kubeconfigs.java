package io.chartroom.clusters.service;

import io.chartroom.base.yaml.YamlNesting;
import io.chartroom.base.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads an uploaded kubeconfig: its contexts, and whether the one chosen can be used by a server. Exec
 * plugins, auth providers and paths to files are refused: Chartroom runs no commands and reads no files on
 * behalf of a kubeconfig (use a token, a client certificate embedded as data, or an EKS cluster instead).
 */
final class Kubeconfigs {

    private static final Set<String> FILE_KEYS = Set.of("client-certificate", "client-key", "tokenFile", "token-file",
            "certificate-authority");

    private Kubeconfigs() {}

    /** The context names, the current one first. */
    static List<String> contexts(String kubeconfig) {
        Map<String, Object> root = parse(kubeconfig);
        List<String> names = new ArrayList<>();
        Object current = root.get("current-context");
        for (Map<String, Object> c : list(root, "contexts")) {
            String name = String.valueOf(c.get("name"));
            if (name.equals(current)) {
                names.addFirst(name);
            } else {
                names.add(name);
            }
        }
        return names;
    }

    /** Checks the context: it exists, and its cluster and user need nothing but what the kubeconfig holds. */
    static void check(String kubeconfig, String context) {
        Map<String, Object> root = parse(kubeconfig);
        String chosen = context == null || context.isBlank() ? String.valueOf(root.get("current-context")) : context;
        Map<String, Object> ctx = named(root, "contexts", chosen)
                .orElseThrow(() -> InvalidInputException.of("context", "the kubeconfig has no context named " + chosen));
        Map<String, Object> body = map(ctx.get("context"));
        String clusterName = String.valueOf(body.get("cluster"));
        String userName = String.valueOf(body.get("user"));
        Map<String, Object> cluster = map(named(root, "clusters", clusterName)
                .orElseThrow(() -> InvalidInputException.of("kubeconfig", "context " + chosen + " names the cluster " + clusterName
                        + ", which the kubeconfig does not define")).get("cluster"));
        Map<String, Object> user = map(named(root, "users", userName)
                .orElseThrow(() -> InvalidInputException.of("kubeconfig", "context " + chosen + " names the user " + userName
                        + ", which the kubeconfig does not define")).get("user"));
        if (user.containsKey("exec")) {
            throw InvalidInputException.of("kubeconfig", "user " + userName + " runs a command (exec: "
                    + map(user.get("exec")).get("command") + "); Chartroom runs no commands: give a token, or register the cluster as EKS");
        }
        if (user.containsKey("auth-provider")) {
            throw InvalidInputException.of("kubeconfig", "user " + userName + " uses an auth provider plugin; give a token instead");
        }
        for (String key : FILE_KEYS) {
            if (user.containsKey(key) || cluster.containsKey(key)) {
                throw InvalidInputException.of("kubeconfig", key + " points to a file; embed it instead (" + key + "-data)");
            }
        }
        if (cluster.get("server") == null) {
            throw InvalidInputException.of("kubeconfig", "cluster " + clusterName + " has no server URL");
        }
    }

    /** Whether the context's cluster says {@code insecure-skip-tls-verify: true}: its certificate would not be checked. */
    static boolean skipsTlsVerify(String kubeconfig, String context) {
        Map<String, Object> root = parse(kubeconfig);
        String chosen = context == null || context.isBlank() ? String.valueOf(root.get("current-context")) : context;
        return named(root, "contexts", chosen).map(c -> String.valueOf(map(c.get("context")).get("cluster")))
                .flatMap(name -> named(root, "clusters", name))
                .map(c -> Boolean.parseBoolean(String.valueOf(map(c.get("cluster")).get("insecure-skip-tls-verify")))).orElse(false);
    }

    static String server(String kubeconfig, String context) {
        Map<String, Object> root = parse(kubeconfig);
        String chosen = context == null || context.isBlank() ? String.valueOf(root.get("current-context")) : context;
        return named(root, "contexts", chosen).map(c -> String.valueOf(map(c.get("context")).get("cluster")))
                .flatMap(name -> named(root, "clusters", name)).map(c -> String.valueOf(map(c.get("cluster")).get("server"))).orElse("");
    }

    private static Map<String, Object> parse(String kubeconfig) {
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw InvalidInputException.of("kubeconfig", "paste the kubeconfig");
        }
        YamlNesting.check(kubeconfig, "kubeconfig");
        Object parsed;
        try {
            parsed = new Load(LoadSettings.builder().setLabel("kubeconfig").build()).loadFromString(kubeconfig);
        } catch (RuntimeException e) {
            throw InvalidInputException.of("kubeconfig", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(parsed instanceof Map<?, ?> m) || !"Config".equals(m.get("kind")) && m.get("clusters") == null) {
            throw InvalidInputException.of("kubeconfig", "not a kubeconfig (kind: Config with clusters, users and contexts)");
        }
        return map(m);
    }

    private static java.util.Optional<Map<String, Object>> named(Map<String, Object> root, String section, String name) {
        return list(root, section).stream().filter(e -> name.equals(String.valueOf(e.get("name")))).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> root, String key) {
        Object value = root.get(key);
        if (!(value instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
