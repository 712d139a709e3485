package io.chartroom.githost.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests to a Git host's REST API with the host's authentication headers, answers as JSON. A host that cannot be
 * reached, or answers with something that is not JSON, is a {@link HostUnreachable} that says where.
 */
final class HostHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // HTTP/1.1: every host speaks it, and the h2c upgrade on plain http hangs on some servers
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    record Answer(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static final class HostUnreachable extends RuntimeException {
        HostUnreachable(String message) {
            super(message);
        }
    }

    private final String apiUrl;
    private final Map<String, String> headers;

    HostHttp(String apiUrl, Map<String, String> headers) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.headers = headers;
    }

    /** A host's refusal of a write: its status and its own message, without the request's headers (the token). */
    static final class HostRefused extends RuntimeException {
        private final int status;

        HostRefused(String what, int status, String message) {
            super(what + " answered " + status + (message.isEmpty() ? "" : ": " + message));
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    /** A write (POST, PATCH, PUT) with a JSON body; anything but 2xx is a {@link HostRefused}. */
    JsonNode write(String method, String path, Object body) {
        Answer answer = send(method, path, JSON.writeValueAsString(body));
        if (!answer.ok()) {
            String message = answer.body().path("message").asString(answer.body().path("error").asString(""));
            throw new HostRefused(method + " " + path, answer.status(), message.length() > 300 ? message.substring(0, 300) : message);
        }
        return answer.body();
    }

    private Answer send(String method, String path, @org.jspecify.annotations.Nullable String requestBody) {
        URI uri = URI.create(apiUrl + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, requestBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(requestBody));
        if (requestBody != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json;
            try {
                json = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (RuntimeException notJson) {
                throw new HostUnreachable(method + " " + uri + " answered " + response.statusCode() + " with something that is not JSON: is "
                        + apiUrl + " the host's API URL?");
            }
            return new Answer(response.statusCode(), json, response.headers());
        } catch (IOException e) {
            throw new HostUnreachable("cannot reach " + uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostUnreachable("interrupted while asking " + uri);
        }
    }
}
