package io.chartroom.render.worker;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A render worker: a separate JVM that runs Helm (helm-java's native library) for the portal. It is started
 * with a cleared environment whose KUBECONFIG points at a loopback stub API, so that a chart's `lookup` finds
 * nothing, as in `helm template`, and no chart can reach a real cluster. It ends when its stdin closes.
 */
public final class RenderWorkerMain {

    /** The system property naming the directory for values files (in memory where possible; see RenderWorker). */
    public static final String SCRATCH = "chartroom.render.scratch";

    /** Output larger than this is refused rather than sent to the portal. */
    static final int MAX_OUTPUT_CHARS = 32 * 1024 * 1024;

    private RenderWorkerMain() {}

    public static void main(String[] args) throws IOException {
        // stdout carries the protocol; anything Helm or a library prints goes to stderr
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(protocol, 1 << 16));
        Path work = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "requests"));
        Path scratch = Path.of(System.getProperty(SCRATCH, work.toString()));
        WorkerProtocol.writeResponse(out, new WorkerProtocol.Response(true, Helm.version().call(), null, List.of()));
        while (true) {
            WorkerProtocol.Request request;
            try {
                request = WorkerProtocol.readRequest(in);
            } catch (EOFException closed) {
                break;
            }
            WorkerProtocol.Response response;
            try {
                response = switch (request.operation()) {
                    case TEMPLATE -> template(request, scratch, work);
                    case LINT -> lint(request, work);
                };
            } catch (IOException | RuntimeException | Error e) {
                // one bad request (a full disk, a chart Helm chokes on) must not end the worker
                response = WorkerProtocol.Response.failed(message(e));
            }
            WorkerProtocol.writeResponse(out, response);
        }
        // the Go runtime ignores SIGTERM once loaded; leave by exiting
        System.exit(0);
    }

    static WorkerProtocol.Response template(WorkerProtocol.Request r, Path scratch, Path work) throws IOException {
        // one file per worker, rewritten for each request (a worker runs one at a time) and emptied after it:
        // cheaper than a new file each time, and resolved secrets do not stay on disk
        Path values = scratch.resolve("values.yaml");
        RenderableChart chart = RenderableChart.of(Path.of(r.chart()), work);
        try {
            Files.writeString(values, r.values() == null ? "" : chart.values(r.values()));
            String manifest = new Helm(chart.directory()).template()
                    .withName(r.name())
                    .withNamespace(r.namespace())
                    .withKubeVersion(r.kubeVersion())
                    .withValuesFile(values)
                    .call();
            // a chart that renders nothing gives null, not ""
            String output = chart.manifest(manifest == null ? "" : manifest);
            if (output.length() > MAX_OUTPUT_CHARS) {
                return WorkerProtocol.Response.failed("the chart rendered more than " + MAX_OUTPUT_CHARS / (1024 * 1024) + " MB of manifests");
            }
            return new WorkerProtocol.Response(true, output, null, List.of());
        } finally {
            Files.write(values, new byte[0]);
        }
    }

    /** Lint copies of the charts this worker linted lately, by chart directory: copied once, values rewritten. */
    private static final Map<String, Path> LINT_COPIES = new LinkedHashMap<>(16, 0.75f, true);
    private static final int MAX_LINT_COPIES = 8;

    /**
     * helm lint takes no values here: lint a copy of the chart whose values.yaml holds the effective values.
     * A worker runs one request at a time, so its copy of a chart can be reused by the next lint of it.
     */
    static WorkerProtocol.Response lint(WorkerProtocol.Request r, Path work) throws IOException {
        Path source = Path.of(r.chart());
        Path copy = LINT_COPIES.get(r.chart());
        if (copy == null || !Files.isDirectory(copy)) {
            copy = Files.createTempDirectory(work, "lint-").resolve(source.getFileName());
            ChartCopies.copy(source, copy);
            LINT_COPIES.put(r.chart(), copy);
            if (LINT_COPIES.size() > MAX_LINT_COPIES) {
                var eldest = LINT_COPIES.entrySet().iterator().next();
                ChartCopies.delete(eldest.getValue().getParent());
                LINT_COPIES.remove(eldest.getKey());
            }
        }
        try {
            Files.writeString(copy.resolve("values.yaml"), r.values() == null ? "" : r.values());
            LintResult result = new Helm(copy).lint().call();
            // findings name the chart as <chart> or <chart>/templates/x.yaml, not the worker's scratch directory
            // (helm lint names the chart's directory itself in its dependency findings)
            String directory = copy.toString();
            String scratch = copy.getParent().toString() + "/";
            String chart = RenderableChart.chartName(copy);
            return new WorkerProtocol.Response(!result.isFailed(), null, null,
                    result.getMessages().stream().map(m -> m.replace(directory, chart).replace(scratch, "")).toList());
        } catch (IOException | RuntimeException e) {
            // a copy in doubt is made again next time
            LINT_COPIES.remove(r.chart());
            ChartCopies.delete(copy.getParent());
            throw e;
        }
    }



    /**
     * Helm's error without the Go plumbing around it and without the advice about flags that Chartroom's user
     * cannot pass; template errors keep their file and line.
     */
    static String message(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return text.replaceFirst("^(Error: )+", "").replaceAll("\\s*Use --debug flag to render out invalid YAML\\s*$", "");
    }
}
