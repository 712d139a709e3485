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
 * <li>workloads read back as rolled out, unless annotated otherwise ({@link SimulatedStatus}), so that health
 * can turn Healthy;</li>
 * <li>failures can be switched on (every request answered with an HTTP status, or delayed) to show and test
 * how Chartroom copes with a cluster that fails.</li>
 * </ul>
 * Real API semantics are tested against a real kube-apiserver.
 */
public final class SimulatedApiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final MockWebServer web = new MockWebServer();
    private final KubernetesMockServer server;
    private final AtomicReference<Integer> failWith = new AtomicReference<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong writesLeft = new AtomicLong(-1);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();
    private final String versionJson;

    /** A server answering as Kubernetes {@code gitVersion} (e.g. v1.31.2); SimulatedClusters keeps one per simulated cluster, tests make their own. */
    public SimulatedApiServer(String gitVersion) {
        String[] parts = gitVersion.replaceFirst("^v", "").split("\\.");
        VersionInfo version = new VersionInfo.Builder().withGitVersion(gitVersion).withMajor(parts[0]).withMinor(parts[1])
                .withPlatform("linux/amd64").withGoVersion("go1.23").build();
        // the mock server answers /version only through expectations, which a dispatcher of our own bypasses
        versionJson = "{\"major\":\"" + parts[0] + "\",\"minor\":\"" + parts[1] + "\",\"gitVersion\":\"" + gitVersion
                + "\",\"platform\":\"linux/amd64\",\"goVersion\":\"go1.23\"}";
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
            if (method == HttpMethod.GET && "/version".equals(request.getPath())) {
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(versionJson);
            }
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
                        SimulatedStatus.complete(o, SimulatedStatus.kindOfListItem(object));
                    }
                });
            } else {
                SimulatedStatus.complete(object, object.path("kind").asString(""));
            }
            return response.setBody(JSON.writeValueAsString(object));
        }
    }
}
