package io.chartroom.render.worker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the portal and a render worker say to each other over the worker's stdin and stdout: length-prefixed
 * JSON frames, one request and one response at a time. A response's output (the manifest) follows its frame
 * as length-prefixed UTF-8, so that the bulk of it is copied, not escaped and parsed as a JSON string.
 */
public final class WorkerProtocol {

    /** Operations a worker performs. */
    public enum Operation { TEMPLATE, LINT }

    /**
     * @param chart      the unpacked chart directory
     * @param values     YAML to render with: the release's values (template) or the effective values (lint)
     * @param kubeVersion the target cluster's Kubernetes version, e.g. "1.31.0"
     */
    public record Request(Operation operation, String chart, String name, String namespace, String kubeVersion, String values) {}

    /** @param output the manifest (template) or nothing; @param messages lint findings */
    public record Response(boolean ok, String output, String error, List<String> messages) {
        public static Response failed(String error) {
            return new Response(false, null, error, List.of());
        }
    }

    public static final int MAX_FRAME = 64 * 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WorkerProtocol() {}

    public static void writeRequest(DataOutputStream out, Request request) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(request);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    public static Request readRequest(DataInputStream in) throws IOException {
        return JSON.readValue(frame(in), Request.class);
    }

    public static void writeResponse(DataOutputStream out, Response response) throws IOException {
        byte[] head = JSON.writeValueAsBytes(new Response(response.ok(), null, response.error(), response.messages()));
        out.writeInt(head.length);
        out.write(head);
        if (response.output() == null) {
            out.writeInt(-1);
        } else {
            byte[] output = response.output().getBytes(StandardCharsets.UTF_8);
            out.writeInt(output.length);
            out.write(output);
        }
        out.flush();
    }

    public static Response readResponse(DataInputStream in) throws IOException {
        Response head = JSON.readValue(frame(in), Response.class);
        int length = in.readInt();
        if (length < -1 || length > MAX_FRAME) {
            throw new IOException("output of " + length + " bytes");
        }
        String output = null;
        if (length >= 0) {
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            output = new String(bytes, StandardCharsets.UTF_8);
        }
        return new Response(head.ok(), output, head.error(), head.messages());
    }

    private static byte[] frame(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("frame of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
