package io.chartroom.catalog.service;

import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.IndexEntry;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists and fetches Helm charts in an OCI registry through the distribution API: tags of each chart name,
 * each tag's manifest and config (Chart.yaml as JSON), the chart layer by digest. Handles registries that
 * take the repository's credentials directly and those that answer with a bearer-token challenge.
 */
@Component
public class OciRegistryClient {

    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RepositoryHttpClient http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public OciRegistryClient(RepositoryHttpClient http) {
        this.http = http;
    }

    /** Where a registry path lives: https://host[:port] (or http for plain-HTTP registries) and the path under /v2/. */
    record Location(URI base, String path) {
        static Location of(ChartRepository repo) {
            String rest = repo.url().replaceFirst("^oci://", "");
            int slash = rest.indexOf('/');
            String host = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
            return new Location(URI.create((repo.plainHttp() ? "http://" : "https://") + host), path);
        }

        String repository(String chart) {
            return path.isEmpty() ? chart : path + "/" + chart;
        }

        URI uri(String chart, String suffix) {
            return base.resolve("/v2/" + repository(chart) + suffix);
        }
    }

    /** The chart's versions in the registry, as index entries; tags that are not charts are reported to {@code errors}. */
    public List<IndexEntry> versions(ChartRepository repo, String chart, List<String> errors) {
        Location at = Location.of(repo);
        JsonNode tagList = json(repo, at, chart, at.uri(chart, "/tags/list?n=10000"), "application/json", "the tags of " + chart);
        List<IndexEntry> entries = new ArrayList<>();
        for (JsonNode tagNode : tagList.path("tags")) {
            String tag = tagNode.asString();
            try {
                JsonNode manifest = json(repo, at, chart, at.uri(chart, "/manifests/" + tag), MANIFEST, chart + ":" + tag);
                JsonNode layer = null;
                for (JsonNode l : manifest.path("layers")) {
                    if (CHART_LAYER.equals(l.path("mediaType").asString())) {
                        layer = l;
                    }
                }
                if (layer == null) {
                    errors.add(chart + ":" + tag + " is not a Helm chart (no chart layer)");
                    continue;
                }
                JsonNode config = json(repo, at, chart, at.uri(chart, "/blobs/" + manifest.path("config").path("digest").asString()),
                        "application/json", "the Chart.yaml of " + chart + ":" + tag);
                ObjectNode entry = ((ObjectNode) config).deepCopy();
                entry.put("digest", layer.path("digest").asString());
                entry.putArray("urls").add("oci://" + at.base().getAuthority() + "/" + at.repository(chart) + ":" + tag);
                String created = manifest.path("annotations").path("org.opencontainers.image.created").asString(null);
                if (created != null) {
                    entry.put("created", created);
                }
                entries.add(IndexEntryReader.entry(chart, entry));
            } catch (IllegalArgumentException | RepositoryFetchException e) {
                errors.add(chart + ":" + tag + ": " + e.getMessage());
            }
        }
        return entries;
    }

    /** Downloads the chart layer with the given digest (sha256 hex). */
    public RepositoryHttpClient.Download download(ChartRepository repo, String chart, String digest, Path target, long maxBytes) {
        Location at = Location.of(repo);
        URI uri = at.uri(chart, "/blobs/sha256:" + digest);
        String what = "the archive of " + chart;
        try {
            return http.download(repo, uri, target, maxBytes, null, null, what, (n, t) -> { }, authorization(repo, at, chart));
        } catch (RepositoryFetchException e) {
            if (!e.getMessage().contains("HTTP 401")) {
                throw e;
            }
            String token = token(repo, at, chart, http.get(repo, uri, "*/*", authorization(repo, at, chart), what));
            return http.download(repo, uri, target, maxBytes, null, null, what, (n, t) -> { }, token);
        }
    }

    private JsonNode json(ChartRepository repo, Location at, String chart, URI uri, String accept, String what) {
        RepositoryHttpClient.TextResponse response = http.get(repo, uri, accept, authorization(repo, at, chart), what);
        if (response.status() == 401) {
            String token = token(repo, at, chart, response);
            response = http.get(repo, uri, accept, token, what);
        }
        if (response.status() >= 400) {
            throw new RepositoryFetchException(RepositoryHttpClient.statusMessage(response.status(), what, uri, repo.hasSecret()));
        }
        return JSON.readTree(response.body());
    }

    private String authorization(ChartRepository repo, Location at, String chart) {
        String cached = tokens.get(repo.id() + "|" + at.repository(chart));
        return cached != null ? cached : http.authorization(repo);
    }

    /**
     * Why the repository's credentials may not go to the token service a registry's challenge names, or null: the
     * registry chooses the realm, so credentials go only over https, or over plain HTTP to the very host of a
     * registry that is plain HTTP itself (never from an https registry to an http realm, never in the clear to
     * another host).
     */
    static String realmRefusal(URI registry, URI realm) {
        String scheme = realm.getScheme() == null ? "" : realm.getScheme().toLowerCase(java.util.Locale.ROOT);
        String refused = "the registry's token service " + realm.getScheme() + "://" + realm.getRawAuthority() + realm.getRawPath();
        if (scheme.equals("https")) {
            return null;
        }
        if (!scheme.equals("http")) {
            return refused + " is not an http(s) URL: the repository's credentials are not sent there";
        }
        if ("https".equalsIgnoreCase(registry.getScheme())) {
            return refused + " is plain HTTP while the registry is https: the repository's credentials are not sent there";
        }
        if (realm.getHost() == null || !realm.getHost().equalsIgnoreCase(registry.getHost())) {
            return refused + " is on another host than the registry and not https: the repository's credentials are not sent there";
        }
        return null;
    }

    /** Answers a registry's bearer challenge: asks its token service for a pull token, with the repository's credentials. */
    private String token(ChartRepository repo, Location at, String chart, RepositoryHttpClient.TextResponse challenged) {
        String header = challenged.headers().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("WWW-Authenticate"))
                .flatMap(h -> h.getValue().stream()).findFirst().orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new RepositoryFetchException(repo.hasSecret()
                    ? "the registry refused the credentials (HTTP 401)"
                    : "the registry requires credentials (HTTP 401)");
        }
        Map<String, String> params = new java.util.HashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new RepositoryFetchException("the registry's authentication challenge names no token service");
        }
        String scope = params.getOrDefault("scope", "repository:" + at.repository(chart) + ":pull");
        URI tokenUri;
        try {
            tokenUri = URI.create(realm + (realm.contains("?") ? "&" : "?")
                    + (params.containsKey("service") ? "service=" + URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8) + "&" : "")
                    + "scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new RepositoryFetchException("the registry's authentication challenge names a token service that is not a URL: " + realm);
        }
        String credentials = http.authorization(repo);
        if (credentials != null) {
            String refusal = realmRefusal(at.base(), tokenUri);
            if (refusal != null) {
                throw new RepositoryFetchException(refusal);
            }
        }
        RepositoryHttpClient.TextResponse response = http.get(repo, tokenUri, "application/json", credentials, "a registry token");
        if (response.status() >= 400) {
            throw new RepositoryFetchException(RepositoryHttpClient.statusMessage(response.status(), "a registry token", tokenUri, repo.hasSecret()));
        }
        JsonNode body = JSON.readTree(response.body());
        String token = body.path("token").asString(body.path("access_token").asString(null));
        if (token == null) {
            throw new RepositoryFetchException("the registry's token service answered without a token");
        }
        String bearer = "Bearer " + token;
        tokens.put(repo.id() + "|" + at.repository(chart), bearer);
        return bearer;
    }
}
