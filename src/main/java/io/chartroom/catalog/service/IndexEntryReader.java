package io.chartroom.catalog.service;

import io.chartroom.catalog.domain.ChartName;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.catalog.domain.IndexEntry;
import io.chartroom.catalog.domain.VersionMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Turns one index entry, as a small tree, into what the catalog stores. An index entry is a chart's Chart.yaml
 * plus urls, digest and created, so the same field readers also fill in what an entry lacks from the archive's
 * Chart.yaml ({@link #withChartYaml}) and read the dependencies a Chart.yaml declares.
 */
final class IndexEntryReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML_TREE = YAMLMapper.builder().build();

    private IndexEntryReader() {
    }

    /** One index entry as the catalog stores it; IllegalArgumentException says what is wrong with it. */
    static IndexEntry entry(String chart, JsonNode e) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("not a mapping");
        }
        String chartProblem = ChartName.problem(chart);
        if (chartProblem != null) {
            throw new IllegalArgumentException(chartProblem);
        }
        String version = text(e, "version");
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("no version");
        }
        String versionProblem = ChartName.versionProblem(version);
        if (versionProblem != null) {
            throw new IllegalArgumentException(versionProblem);
        }
        Semver semver = Semver.parse(version);
        if (semver == null) {
            semver = Semver.coerce(version);
        }
        if (semver == null) {
            throw new IllegalArgumentException("version '" + version + "' is not a semantic version");
        }
        List<String> urls = strings(e.get("urls"));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("version " + version + " has no download URL");
        }
        VersionMetadata metadata = new VersionMetadata(text(e, "type"), text(e, "home"), text(e, "icon"),
                strings(e.get("keywords")), strings(e.get("sources")), maintainers(e.get("maintainers")),
                dependencies(e.get("dependencies")), annotations(e.get("annotations")));
        String metadataJson = JSON.writeValueAsString(metadata);
        String appVersion = text(e, "appVersion");
        String description = text(e, "description");
        String created = text(e, "created");
        String digest = digest(text(e, "digest"));
        String kubeVersion = text(e, "kubeVersion");
        String apiVersion = text(e, "apiVersion");
        boolean deprecated = "true".equalsIgnoreCase(text(e, "deprecated"));
        // the hash covers everything the catalog stores of the entry, so that an unchanged entry is skipped
        String hash = sha256(String.join("\u0000", version, String.valueOf(appVersion), String.valueOf(description),
                String.valueOf(created), String.valueOf(digest), String.join("\u0001", urls), String.valueOf(kubeVersion),
                String.valueOf(apiVersion), String.valueOf(deprecated), metadataJson));
        IndexEntry.SemverParts parts = new IndexEntry.SemverParts(semver.getMajor(), semver.getMinor(), semver.getPatch(),
                semver.getPreRelease().isEmpty() ? null : String.join(".", semver.getPreRelease()));
        return new IndexEntry(chart, version, appVersion, description, created(created), digest, urls, kubeVersion,
                apiVersion, deprecated, metadata.home(), metadata.icon(), metadata.keywords(), metadataJson, hash, parts);
    }

    /** "sha256:ABC" and "ABC" are both the digest "abc". */
    static @Nullable String digest(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String hex = value.startsWith("sha256:") ? value.substring(7) : value;
        return hex.toLowerCase();
    }

    private static @Nullable Instant created(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The version with what its index entry lacks taken from the archive's Chart.yaml (kubeVersion, home, icon,
     * sources, keywords, maintainers): many indexes carry only names and versions.
     */
    static ChartVersion withChartYaml(ChartVersion v, @Nullable String chartYaml) {
        if (chartYaml == null) {
            return v;
        }
        JsonNode c;
        try {
            c = YAML_TREE.readTree(chartYaml);
        } catch (RuntimeException unreadable) {
            return v;
        }
        VersionMetadata m = v.metadata();
        VersionMetadata merged = new VersionMetadata(m.type() != null ? m.type() : text(c, "type"), m.home() != null ? m.home() : text(c, "home"),
                m.icon() != null ? m.icon() : text(c, "icon"), m.keywords().isEmpty() ? strings(c.get("keywords")) : m.keywords(),
                m.sources().isEmpty() ? strings(c.get("sources")) : m.sources(), m.maintainers().isEmpty() ? maintainers(c.get("maintainers")) : m.maintainers(),
                m.dependencies(), m.annotations());
        return new ChartVersion(v.id(), v.chartId(), v.chart(), v.version(), v.appVersion() != null ? v.appVersion() : text(c, "appVersion"),
                v.description() != null ? v.description() : text(c, "description"), v.created(), v.digest(), v.urls(),
                v.kubeVersion() != null ? v.kubeVersion() : text(c, "kubeVersion"), v.apiVersion() != null ? v.apiVersion() : text(c, "apiVersion"),
                v.deprecated(), merged);
    }

    /** The dependencies a Chart.yaml, requirements.yaml or index entry lists. */
    static List<VersionMetadata.Dependency> dependencies(@Nullable JsonNode array) {
        List<VersionMetadata.Dependency> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(d -> out.add(new VersionMetadata.Dependency(text(d, "name"), text(d, "version"),
                    text(d, "repository"), text(d, "alias"), text(d, "condition"))));
        }
        return out;
    }

    /** The hex SHA-256 of a text (entry hashes, the index's digest, cache keys). */
    static String sha256(String text) {
        return HexFormat.of().formatHex(RepositoryHttpClient.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainer() ? null : v.asString();
    }

    private static List<String> strings(@Nullable JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> {
                if (!v.isNull() && !v.isContainer()) {
                    out.add(v.asString());
                }
            });
        }
        return out;
    }

    private static List<VersionMetadata.Maintainer> maintainers(@Nullable JsonNode array) {
        List<VersionMetadata.Maintainer> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(m -> out.add(new VersionMetadata.Maintainer(text(m, "name"), text(m, "email"), text(m, "url"))));
        }
        return out;
    }

    private static Map<String, String> annotations(@Nullable JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map != null && map.isObject()) {
            map.properties().forEach(p -> out.put(p.getKey(), p.getValue().asString()));
        }
        return out;
    }
}
