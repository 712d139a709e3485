package io.chartroom.render.worker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the portal and a render worker say to each other over the worker's stdin and stdout: length-prefixed
 * JSON frames, one request and one response at a time.
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

    public static void write(DataOutputStream out, Object message) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(message);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    public static <T> T read(DataInputStream in, Class<T> type) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("frame of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return JSON.readValue(bytes, type);
    }
}
