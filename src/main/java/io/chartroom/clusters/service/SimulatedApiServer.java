package io.chartroom.clusters.service;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process Kubernetes API server for a simulated cluster: fabric8's CRUD mock, plus what Chartroom needs
 * of a real one. This class is the one place that bridges the gap between the mock and the real API:
 * <ul>
 * <li>server-side apply is emulated for one field manager (ApplyMerge): keyed lists merged by their keys,
 * other lists replaced, fields dropped from a manifest removed; no ownership between managers, no conflicts;
 * strategic merge as JSON merge;</li>
 * <li>workloads read back as rolled out (Deployments, StatefulSets, DaemonSets ready; Jobs complete; Pods
 * running; LoadBalancer Services with an address; claims bound), so that health can turn Healthy;</li>
 * <li>failures can be switched on (every request answered with an HTTP status, or delayed) to show and test
 * how Chartroom copes with a cluster that fails.</li>
 * </ul>
 * Real API semantics are tested against a real kube-apiserver.
 */
public final class SimulatedApiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * A simulated cluster runs no containers: a Job whose pod template carries this annotation with the value
     * "failed" fails as a real one whose container exits non-zero would (charts and tests use it to show a failing hook).
     */
    public static final String SIMULATED_OUTCOME = "chartroom.io/simulated-outcome";
    private static final String SIMULATED_FAILURE = "failed";

    private final MockWebServer web = new MockWebServer();
    private final KubernetesMockServer server;
    private final AtomicReference<Integer> failWith = new AtomicReference<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong writesLeft = new AtomicLong(-1);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();

    SimulatedApiServer(String gitVersion) {
        String[] parts = gitVersion.replaceFirst("^v", "").split("\\.");
        VersionInfo version = new VersionInfo.Builder().withGitVersion(gitVersion).withMajor(parts[0]).withMinor(parts[1])
                .withPlatform("linux/amd64").withGoVersion("go1.23").build();
        server = new KubernetesMockServer(new Context(), web, new HashMap<>(), new Dispatcher(), false, version);
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** A client configuration for this server (plain HTTP on loopback). */
    public Config config() {
        return new ConfigBuilder(Config.empty()).withMasterUrl(server.url("/")).withTrustCerts(true).withNamespace("default").build();
    }

    public String url() {
        return server.url("/");
    }

    /** Every request is answered with this HTTP status until {@link #heal()}. */
    public void failWith(int status) {
        failWith.set(status);
    }

    /** Every request waits this long first (a slow or unreachable cluster) until {@link #heal()}. */
    public void delay(Duration duration) {
        delay.set(duration);
    }

    /** Accepts this many more writes, then answers every request with HTTP 500 (a cluster lost in the middle of an apply). */
    public void failAfterWrites(long writes) {
        writesLeft.set(writes);
    }

    public void heal() {
        failWith.set(null);
        delay.set(null);
        writesLeft.set(-1);
    }

    /** Requests that changed something (create, update, patch, delete) since the server started. */
    public long writes() {
        return writes.get();
    }

    /** Requests answered since the server started. */
    public long requests() {
        return requests.get();
    }

    /** CPU time spent answering requests: with {@link #busyNanos()}, how much of that time the server actually ran. */
    public long cpuNanos() {
        return cpuNanos.get();
    }

    /** Time spent answering requests, summed over concurrent ones (benchmarks compare where the time goes). */
    public long busyNanos() {
        return busyNanos.get();
    }

    @Override
    public void close() {
        server.shutdown();
    }

    private final class Dispatcher extends KubernetesCrudDispatcher {

        /** What Chartroom applied last to each object (one field manager), so that fields it drops are removed. */
        private final java.util.Map<String, ObjectNode> lastApplied = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            try {
                return answer(request);
            } finally {
                requests.incrementAndGet();
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
                busyNanos.addAndGet(System.nanoTime() - start);
            }
        }

        private MockResponse answer(RecordedRequest request) {
            // the web server records every request for tests that take them; nobody does here, so drop it
            try {
                web.takeRequest(0, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Duration wait = delay.get();
            if (wait != null) {
                // a cluster that does not answer in time: nothing is done, the answer comes too late (without blocking the server)
                return new MockResponse().setResponseCode(504).setBody("{\"kind\":\"Status\",\"message\":\"simulated timeout\"}")
                        .setBodyDelay(wait);
            }
            Integer status = failWith.get();
            if (status != null) {
                return new MockResponse().setResponseCode(status).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                        + "\"message\":\"simulated failure\",\"code\":" + status + "}");
            }
            HttpMethod method = request.method();
            boolean dryRun = request.getPath() != null && request.getPath().contains("dryRun=");
            if (!dryRun && (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH || method == HttpMethod.DELETE)) {
                if (writesLeft.get() == 0) {
                    failWith.set(500);
                    return new MockResponse().setResponseCode(500).setBody("{\"kind\":\"Status\",\"message\":\"simulated failure\"}");
                }
                writesLeft.updateAndGet(n -> n > 0 ? n - 1 : n);
                writes.incrementAndGet();
            }
            MockResponse response = super.dispatch(request);
            if (method == HttpMethod.GET && response.code() == 200 && !request.getPath().contains("watch=true")) {
                return rolledOut(response);
            }
            return response;
        }

        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            String type = String.valueOf(request.getHeader("Content-Type"));
            boolean apply = type.startsWith("application/apply-patch");
            if (!apply && !type.startsWith("application/strategic-merge-patch")) {
                return super.handlePatch(request);
            }
            String path = request.getPath();
            String resource = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            String body = json(request.getUtf8Body());
            MockResponse existing = handleGet(resource);
            if (apply && path.contains("dryRun=")) {
                // what the apply would store, stored nowhere
                ObjectNode applied = (ObjectNode) JSON.readTree(body);
                ObjectNode result = existing.code() == 200
                        ? ApplyMerge.merge((ObjectNode) JSON.readTree(existing.getBody().readUtf8()), lastApplied.get(resource), applied) : applied;
                return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(result));
            }
            if (apply && existing.code() == 404) {
                String collection = resource.substring(0, resource.lastIndexOf('/'));
                MockResponse created = handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection,
                        request.getHeaders().newBuilder().set("Content-Type", "application/json").build(), new Buffer(body.getBytes())));
                if (created.code() < 300) {
                    lastApplied.put(resource, (ObjectNode) JSON.readTree(body));
                }
                return created;
            }
            if (apply && existing.code() == 200) {
                // server-side apply: keyed lists merged, fields this manager stopped applying removed (ApplyMerge)
                ObjectNode applied = (ObjectNode) JSON.readTree(body);
                ObjectNode merged = ApplyMerge.merge((ObjectNode) JSON.readTree(existing.getBody().readUtf8()), lastApplied.get(resource), applied);
                MockResponse updated = handleUpdate(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, resource,
                        request.getHeaders().newBuilder().set("Content-Type", "application/json").build(),
                        new Buffer(JSON.writeValueAsBytes(merged))));
                if (updated.code() < 300) {
                    lastApplied.put(resource, applied);
                }
                return updated;
            }
            return super.handlePatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PATCH, resource,
                    request.getHeaders().newBuilder().set("Content-Type", "application/merge-patch+json").build(), new Buffer(body.getBytes())));
        }

        /** Apply patches may come as YAML; the mock reads JSON. */
        private String json(String body) {
            String trimmed = body.stripLeading();
            if (trimmed.startsWith("{")) {
                return body;
            }
            Object tree = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(body);
            return JSON.writeValueAsString(tree);
        }

        /** What a real cluster would show a little later: the workloads rolled out. */
        private MockResponse rolledOut(MockResponse response) {
            JsonNode body;
            try {
                body = JSON.readTree(response.getBody().readUtf8());
            } catch (RuntimeException notJson) {
                return response;
            }
            if (!(body instanceof ObjectNode object)) {
                return response;
            }
            if (object.get("items") instanceof ArrayNode items) {
                items.forEach(item -> {
                    if (item instanceof ObjectNode o) {
                        complete(o, kindOfListItem(object));
                    }
                });
            } else {
                complete(object, object.path("kind").asString(""));
            }
            return response.setBody(JSON.writeValueAsString(object));
        }

        private static boolean failed(ObjectNode o) {
            for (JsonNode condition : o.path("status").path("conditions")) {
                if ("Failed".equals(condition.path("type").asString("")) && "True".equals(condition.path("status").asString(""))) {
                    return true;
                }
            }
            return false;
        }

        private static String kindOfListItem(ObjectNode list) {
            String kind = list.path("kind").asString("");
            return kind.endsWith("List") ? kind.substring(0, kind.length() - 4) : kind;
        }

        private static void complete(ObjectNode o, String listKind) {
            String kind = o.path("kind").asString(listKind);
            long generation = o.path("metadata").path("generation").asLong(1);
            int replicas = o.path("spec").path("replicas").asInt(1);
            switch (kind) {
                case "Deployment", "StatefulSet" -> o.putObject("status").put("observedGeneration", generation).put("replicas", replicas)
                        .put("readyReplicas", replicas).put("availableReplicas", replicas).put("updatedReplicas", replicas)
                        .put("currentReplicas", replicas);
                case "ReplicaSet" -> o.putObject("status").put("observedGeneration", generation).put("replicas", replicas)
                        .put("readyReplicas", replicas).put("availableReplicas", replicas);
                case "HorizontalPodAutoscaler" -> o.putObject("status").putArray("conditions").addObject().put("type", "AbleToScale")
                        .put("status", "True").put("reason", "ReadyForNewScale");
                case "APIService" -> o.putObject("status").putArray("conditions").addObject().put("type", "Available")
                        .put("status", "True").put("reason", "Passed");
                case "DaemonSet" -> o.putObject("status").put("observedGeneration", generation).put("desiredNumberScheduled", 1)
                        .put("currentNumberScheduled", 1).put("numberReady", 1).put("updatedNumberScheduled", 1).put("numberAvailable", 1);
                case "Job" -> {
                    if (failed(o)) {
                        return; // failed as the job controller would set it: it stays so
                    }
                    if (SIMULATED_FAILURE.equals(o.path("spec").path("template").path("metadata").path("annotations")
                            .path(SIMULATED_OUTCOME).asString(""))) {
                        ObjectNode status = o.putObject("status").put("failed", 1);
                        status.putArray("conditions").addObject().put("type", "Failed").put("status", "True")
                                .put("reason", "BackoffLimitExceeded").put("message", "Job has reached the specified backoff limit");
                        return;
                    }
                    ObjectNode status = o.putObject("status").put("succeeded", 1);
                    status.putArray("conditions").addObject().put("type", "Complete").put("status", "True");
                }
                case "Pod" -> {
                    if ("Failed".equals(o.path("status").path("phase").asString(""))) {
                        return;
                    }
                    // a pod that is not restarted runs to its end (a hook, a test); the others keep running
                    String restart = o.path("spec").path("restartPolicy").asString("Always");
                    ObjectNode status = o.putObject("status").put("phase", restart.equals("Always") ? "Running" : "Succeeded");
                    status.putArray("conditions").addObject().put("type", "Ready").put("status", restart.equals("Always") ? "True" : "False");
                }
                case "Ingress" -> o.putObject("status").putObject("loadBalancer").putArray("ingress").addObject().put("ip", "127.0.0.1");
                case "Service" -> {
                    if ("LoadBalancer".equals(o.path("spec").path("type").asString(""))) {
                        o.putObject("status").putObject("loadBalancer").putArray("ingress").addObject().put("ip", "127.0.0.1");
                    }
                }
                case "PersistentVolumeClaim" -> o.putObject("status").put("phase", "Bound");
                case "CustomResourceDefinition" -> {
                    ArrayNode conditions = o.putObject("status").putArray("conditions");
                    conditions.addObject().put("type", "NamesAccepted").put("status", "True");
                    conditions.addObject().put("type", "Established").put("status", "True");
                }
                default -> { }
            }
        }
    }
}
