package io.chartroom.render.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The only Kubernetes API a render worker can reach: a loopback stub that answers discovery and says
 * NotFound to every object. A chart's `lookup` therefore returns nothing, as with `helm template`, and it
 * never reads a real cluster (helm-java otherwise falls back to localhost:8080, the portal's own port).
 */
final class KubeApiStub implements AutoCloseable {

    private static final Map<String, String[][]> GROUPS = new LinkedHashMap<>();
    static {
        GROUPS.put("v1", new String[][] {{"secrets", "Secret", "true"}, {"configmaps", "ConfigMap", "true"},
                {"services", "Service", "true"}, {"serviceaccounts", "ServiceAccount", "true"},
                {"persistentvolumeclaims", "PersistentVolumeClaim", "true"}, {"pods", "Pod", "true"},
                {"namespaces", "Namespace", "false"}, {"nodes", "Node", "false"}, {"persistentvolumes", "PersistentVolume", "false"}});
        GROUPS.put("apps/v1", new String[][] {{"deployments", "Deployment", "true"}, {"statefulsets", "StatefulSet", "true"},
                {"daemonsets", "DaemonSet", "true"}, {"replicasets", "ReplicaSet", "true"}});
        GROUPS.put("batch/v1", new String[][] {{"jobs", "Job", "true"}, {"cronjobs", "CronJob", "true"}});
        GROUPS.put("networking.k8s.io/v1", new String[][] {{"ingresses", "Ingress", "true"}, {"networkpolicies", "NetworkPolicy", "true"},
                {"ingressclasses", "IngressClass", "false"}});
        GROUPS.put("rbac.authorization.k8s.io/v1", new String[][] {{"roles", "Role", "true"}, {"rolebindings", "RoleBinding", "true"},
                {"clusterroles", "ClusterRole", "false"}, {"clusterrolebindings", "ClusterRoleBinding", "false"}});
        GROUPS.put("policy/v1", new String[][] {{"poddisruptionbudgets", "PodDisruptionBudget", "true"}});
        GROUPS.put("autoscaling/v2", new String[][] {{"horizontalpodautoscalers", "HorizontalPodAutoscaler", "true"}});
        GROUPS.put("apiextensions.k8s.io/v1", new String[][] {{"customresourcedefinitions", "CustomResourceDefinition", "false"}});
    }

    private final HttpServer server;
    /** Requests seen, for tests that check a render went here and nowhere else. */
    final AtomicLong requests = new AtomicLong();

    KubeApiStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, Thread.ofPlatform().name("kube-api-stub").daemon().factory()));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** A kubeconfig whose only cluster is this stub. */
    Path writeKubeconfig(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: render-stub
                      cluster:
                        server: http://127.0.0.1:%d
                    users:
                    - name: render-stub
                      user: {}
                    contexts:
                    - name: render-stub
                      context: {cluster: render-stub, user: render-stub, namespace: default}
                    current-context: render-stub
                    """.formatted(port()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!"GET".equals(ex.getRequestMethod())) {
                send(ex, 405, status(405, "MethodNotAllowed", "the render stub is read-only"));
            } else if (path.equals("/api")) {
                send(ex, 200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}");
            } else if (path.equals("/apis")) {
                StringBuilder sb = new StringBuilder("{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[");
                String sep = "";
                for (String gv : GROUPS.keySet()) {
                    if (!gv.contains("/")) {
                        continue;
                    }
                    String group = gv.substring(0, gv.indexOf('/'));
                    String version = gv.substring(gv.indexOf('/') + 1);
                    sb.append(sep).append("{\"name\":\"").append(group).append("\",\"versions\":[{\"groupVersion\":\"").append(gv)
                            .append("\",\"version\":\"").append(version).append("\"}],\"preferredVersion\":{\"groupVersion\":\"")
                            .append(gv).append("\",\"version\":\"").append(version).append("\"}}");
                    sep = ",";
                }
                send(ex, 200, sb.append("]}").toString());
            } else if (path.equals("/api/v1") || path.matches("/apis/[^/]+/[^/]+")) {
                String gv = path.equals("/api/v1") ? "v1" : path.substring("/apis/".length());
                send(ex, 200, resources(gv, GROUPS.getOrDefault(gv, new String[0][])));
            } else if (path.equals("/version")) {
                send(ex, 200, "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0\"}");
            } else {
                send(ex, 404, status(404, "NotFound", "not found"));
            }
        }
    }

    private static String resources(String gv, String[][] resources) {
        StringBuilder sb = new StringBuilder("{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + gv + "\",\"resources\":[");
        for (int i = 0; i < resources.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"name\":\"").append(resources[i][0]).append("\",\"singularName\":\"\",\"namespaced\":")
                    .append(resources[i][2]).append(",\"kind\":\"").append(resources[i][1]).append("\",\"verbs\":[\"get\",\"list\"]}");
        }
        return sb.append("]}").toString();
    }

    private static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message
                + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
