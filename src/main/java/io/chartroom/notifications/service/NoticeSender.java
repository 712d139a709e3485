package io.chartroom.notifications.service;

import io.chartroom.notifications.domain.NotificationTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one notice to one target. A webhook gets the notice as JSON, signed when it has a secret:
 * {@code X-Chartroom-Signature-256: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>} with the timestamp in
 * {@code X-Chartroom-Timestamp} (a receiver refuses old ones: replays), the delivery id in {@code X-Chartroom-Delivery}.
 * A Slack-compatible incoming webhook gets {@code {"text": ...}} with a link.
 */
final class NoticeSender {

    /** An attempt's outcome: the HTTP status (0 when none came back) and, when it failed, why. */
    record Outcome(int status, @Nullable String error) {
        boolean delivered() {
            return error == null;
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    private NoticeSender() {
    }

    static String payload(Notice notice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", notice.kind().event());
        body.put("title", notice.title());
        body.put("release", notice.release());
        body.put("environments", notice.environments());
        body.put("cluster", notice.cluster());
        body.put("team", notice.team());
        body.put("changeRequest", notice.changeRequest());
        body.put("link", notice.link());
        body.put("at", notice.at().toString());
        return JSON.writeValueAsString(body);
    }

    static Outcome send(NotificationTarget.Kind kind, String url, @Nullable String secret, long deliveryId, String event, String payload, Instant now) {
        String body;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json");
        if (kind == NotificationTarget.Kind.SLACK) {
            var notice = JSON.readTree(payload);
            body = JSON.writeValueAsString(Map.of("text", "*" + slackEscaped(notice.path("title").asString()) + "* <"
                    + notice.path("link").asString() + "|open in Chartroom>"));
        } else {
            body = payload;
            String timestamp = String.valueOf(now.getEpochSecond());
            request.header("X-Chartroom-Event", event).header("X-Chartroom-Delivery", String.valueOf(deliveryId)).header("X-Chartroom-Timestamp", timestamp);
            if (secret != null) {
                request.header("X-Chartroom-Signature-256", "sha256=" + io.chartroom.base.crypto.HmacSha256.hex(secret, timestamp + "." + body));
            }
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                return new Outcome(response.statusCode(), null);
            }
            String answer = response.body() == null ? "" : response.body().strip();
            return new Outcome(response.statusCode(), "answered " + response.statusCode() + (answer.isEmpty() ? "" : ": " + (answer.length() > 200 ? answer.substring(0, 200) : answer)));
        } catch (IOException e) {
            return new Outcome(0, "cannot reach it: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted");
        }
    }

    /** Slack reads &, < and > as markup: a release name cannot turn into a mention or a link. */
    private static String slackEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
