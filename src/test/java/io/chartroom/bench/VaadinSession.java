package io.chartroom.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One browser tab as the server sees it, without a browser: the development login's form post (with the page's
 * CSRF token), Vaadin's bootstrap ({@code ?v-r=init}) and UIDL requests ({@code ?v-r=uidl}) with the UI's CSRF
 * token, sync id and client id, as Flow's client sends them. Enough to hold a UI open on the server (what costs
 * memory) and to send it the events a user's typing sends (what costs round trips). Not thread-safe: one per tab.
 */
final class VaadinSession {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private HttpClient http;
    private int uiId;
    private String securityKey;
    private int syncId;
    private int clientId;

    VaadinSession(String base) {
        this.base = base;
        this.http = client();
    }

    private HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Closes the tab's connections, as a browser's go after the server's keep-alive time: the server's per-connection
     * buffers (sized by the largest response sent on it) are then not counted as the tab's. The next request connects anew.
     */
    void idle() {
        http.close();
        http = client();
    }

    /** The development login: the page's CSRF token, then the form post (Spring answers with a redirect). */
    void login(String user) {
        String page = send(HttpRequest.newBuilder(URI.create(base + "/login")).GET()).body();
        Matcher token = CSRF_META.matcher(page);
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "_csrf=" + enc(token.group(1)) + "&username=" + enc(user) + "&password=" + enc(user);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        if (answer.statusCode() != 302 || answer.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("login refused: " + answer.statusCode() + " " + answer.headers().map());
        }
    }

    /** Opens a tab on a route: the bootstrap creates the UI, then the client's ui-navigate renders the view. */
    void open(String route) {
        String init = send(HttpRequest.newBuilder(URI.create(base + "/?v-r=init&location=" + enc(route) + "&query=")).GET()).body();
        JsonNode config = JSON.readTree(init).get("appConfig");
        uiId = config.get("v-uiId").asInt();
        JsonNode uidl = config.get("uidl");
        securityKey = uidl.get("Vaadin-Security-Key").asString();
        syncId = uidl.path("syncId").asInt(0);
        clientId = uidl.path("clientId").asInt(0);
        navigate(route);
    }

    /** Navigates the open UI to another route, as a click on a router link does. */
    void navigate(String route) {
        ObjectNode data = JSON.createObjectNode();
        data.put("route", "/" + route);
        data.put("query", "");
        data.put("appShellTitle", "Chartroom");
        data.putObject("historyState").put("idx", 0);
        data.put("trigger", "");
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "event");
        event.put("node", 1);
        event.put("event", "ui-navigate");
        event.set("data", data);
        uidl(List.of(event));
    }

    /** Types a value into the input whose element id is given and leaves it (value sync, then change). */
    void type(String elementId, String value) {
        int node = node(elementId);
        List<ObjectNode> rpc = new ArrayList<>();
        for (String property : new String[] {"value", "_inputElementValue"}) {
            ObjectNode sync = JSON.createObjectNode();
            sync.put("type", "mSync");
            sync.put("node", node);
            sync.put("feature", 1);
            sync.put("property", property);
            sync.put("value", value);
            rpc.add(sync);
        }
        ObjectNode change = JSON.createObjectNode();
        change.put("type", "event");
        change.put("node", node);
        change.put("event", "change");
        change.putObject("data");
        rpc.add(change);
        uidl(rpc);
    }

    /**
     * Answers a dialog as the browser does when a button of it is clicked: the dialog's "opened" property synced as
     * false, the answer's DOM event ("confirm"), then "closed" once the overlay is gone (on which Flow removes an
     * auto-added dialog from the UI).
     */
    void answer(String dialogId, String answer) {
        int node = node(dialogId);
        List<ObjectNode> rpc = new ArrayList<>();
        ObjectNode closing = JSON.createObjectNode();
        closing.put("type", "mSync");
        closing.put("node", node);
        closing.put("feature", 1);
        closing.put("property", "opened");
        closing.put("value", false);
        rpc.add(closing);
        for (String name : new String[] {answer, "closed"}) {
            ObjectNode event = JSON.createObjectNode();
            event.put("type", "event");
            event.put("node", node);
            event.put("event", name);
            event.putObject("data");
            rpc.add(event);
        }
        nodes.remove(dialogId);
        uidl(rpc);
    }

    /** Whether a response put an element with this id into the page. */
    boolean has(String elementId) {
        return nodes.containsKey(elementId);
    }

    private final java.util.Map<String, Integer> nodes = new java.util.HashMap<>();

    private int node(String elementId) {
        Integer known = nodes.get(elementId);
        if (known != null) {
            return known;
        }
        throw new IllegalStateException("no element " + elementId + " in the page");
    }

    private void uidl(List<ObjectNode> rpc) {
        ObjectNode body = JSON.createObjectNode();
        body.put("csrfToken", securityKey);
        ArrayNode calls = body.putArray("rpc");
        rpc.forEach(calls::add);
        body.put("syncId", syncId);
        body.put("clientId", clientId);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/?v-r=uidl&v-uiId=" + uiId))
                .header("Content-Type", "application/json; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        String text = answer.body();
        if (System.getProperty("bench.ui.dump") != null && text.length() > 50_000) {
            // -Dbench.ui.dump=<directory>: each large response as a file, to see what a view sends
            try {
                java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("bench.ui.dump"));
                java.nio.file.Files.createDirectories(dir);
                java.nio.file.Files.writeString(dir.resolve("response-" + System.nanoTime() + ".json"), text);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        // Flow wraps a UIDL response as for-(;;);[{...}]
        int start = text.indexOf('{');
        JsonNode response = JSON.readTree(text.substring(start, text.lastIndexOf('}') + 1));
        if (response.has("meta") && response.get("meta").has("sessionExpired")) {
            throw new IllegalStateException("the session expired");
        }
        syncId = response.path("syncId").asInt(syncId);
        clientId = response.path("clientId").asInt(clientId + 1);
        remember(response);
        List<ObjectNode> answers = returnChannelAnswers(response);
        if (!answers.isEmpty()) {
            uidl(answers);
        }
    }

    /**
     * What the browser sends back, right after applying a response, for each script whose result the server waits
     * for: the script's result on its success channel (the first {@code @v-return} parameter). The driver runs no
     * script; Chartroom's only such script returns null.
     */
    private static List<ObjectNode> returnChannelAnswers(JsonNode response) {
        List<ObjectNode> answers = new ArrayList<>();
        for (JsonNode invocation : response.path("execute")) {
            for (JsonNode parameter : invocation) {
                JsonNode channel = parameter.path("@v-return");
                if (channel.isArray()) {
                    ObjectNode answer = JSON.createObjectNode();
                    answer.put("type", "channel");
                    answer.put("node", channel.get(0).asInt());
                    answer.put("channel", channel.get(1).asInt());
                    answer.putArray("args").addNull();
                    answers.add(answer);
                    break;
                }
            }
        }
        return answers;
    }

    /** Element ids of nodes created by a response (attribute "id" put on a node). */
    private void remember(JsonNode response) {
        for (JsonNode change : response.path("changes")) {
            if ("put".equals(change.path("type").asString()) && "id".equals(change.path("key").asString()) && change.has("value")) {
                nodes.put(change.get("value").asString(), change.get("node").asInt());
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
