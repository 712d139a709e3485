package io.chartroom.catalog.service;

import io.chartroom.catalog.domain.ChartName;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.catalog.domain.IndexEntry;
import io.chartroom.catalog.domain.VersionMetadata;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.semver4j.Semver;
import org.snakeyaml.engine.v2.api.LoadSettings;
import java.util.Iterator;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Helm repository index.yaml as a stream of YAML events: one version entry at a time is held as a
 * tree, never the whole index. Entries that are not usable (no version, no URL) are skipped with an error
 * naming them; a file that is not YAML fails with its line and column.
 */
public final class IndexReader {

    /** What reading produced besides the entries. */
    public record Result(int entries, List<String> errors, int errorCount) {}

    private static final int MAX_ERRORS_KEPT = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LoadSettings load;

    public IndexReader(long maxBytes) {
        // SnakeYAML Engine refuses documents over 3 MiB by default; an index may be much larger, within our own limit
        this.load = LoadSettings.builder().setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes)).build();
    }

    /**
     * Reads an index, giving each usable entry to {@code sink} on the calling thread; {@code progress} hears
     * the count every 500 entries. The YAML is scanned on a second thread while this one converts and stores
     * entries, so that two cores work on a large index.
     */
    public Result read(InputStream in, String source, Consumer<IndexEntry> sink, Consumer<Integer> progress) {
        return consume(queue -> scan(in, source, queue), source, sink, progress);
    }

    /** The producer of scanned items (entries, skip errors), run on its own thread. */
    @FunctionalInterface
    private interface Scanner {
        void scanInto(BlockingQueue<Object> queue) throws InterruptedException;
    }

    /** Runs the scanner on its own thread and hands what it finds to {@code sink} on this thread. */
    private Result consume(Scanner scanner, String source, Consumer<IndexEntry> sink, Consumer<Integer> progress) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1024);
        Thread thread = Thread.ofPlatform().name("index-scanner").daemon().start(() -> {
            try {
                scanner.scanInto(queue);
                queue.put(END);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                try {
                    queue.put(e);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        int count = 0;
        int errorCount = 0;
        List<String> errors = new ArrayList<>();
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    break;
                }
                if (item instanceof RuntimeException failure) {
                    throw failure;
                }
                if (item instanceof String error) {
                    errorCount++;
                    keep(errors, error);
                    continue;
                }
                Scanned scanned = (Scanned) item;
                try {
                    sink.accept(entry(scanned.chart(), scanned.node()));
                    if (++count % 500 == 0) {
                        progress.accept(count);
                    }
                } catch (IllegalArgumentException bad) {
                    errorCount++;
                    keep(errors, source + " line " + scanned.line() + ", column " + scanned.column() + ": entries."
                            + ChartName.printable(scanned.chart()) + "[" + scanned.index() + "]: " + bad.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexFormatException(source + ": reading was interrupted");
        } finally {
            thread.interrupt();
        }
        progress.accept(count);
        return new Result(count, errors, errorCount);
    }

    private static final Object END = new Object();

    /** One version entry as scanned, with where it is for error messages. */
    private record Scanned(String chart, JsonNode node, int line, int column, int index) {}

    /**
     * Walks the YAML events (SnakeYAML Engine, no type guessing: "1.10" stays "1.10"), putting each version entry
     * as a small tree, and errors about charts whose versions are not a list, on the queue.
     */
    private void scan(InputStream in, String source, BlockingQueue<Object> queue) throws InterruptedException {
        try {
            Events events = new Events(new Parse(load).parseInputStream(in).iterator(), source);
            events.expect(Event.ID.StreamStart);
            if (events.peekIs(Event.ID.StreamEnd)) {
                throw new IndexFormatException(source + ": empty document, not a Helm repository index");
            }
            events.expect(Event.ID.DocumentStart);
            Event root = events.next();
            if (root.getEventId() != Event.ID.MappingStart) {
                throw new IndexFormatException(source + ": not a Helm repository index (the document is not a mapping)");
            }
            boolean sawEntries = false;
            for (Event key = events.next(); key.getEventId() != Event.ID.MappingEnd; key = events.next()) {
                Event value = events.next();
                if (!(key instanceof ScalarEvent k) || !"entries".equals(k.getValue())) {
                    events.skip(key);
                    events.skip(value);
                    continue;
                }
                sawEntries = true;
                if (value instanceof ScalarEvent scalar && isNull(scalar)) {
                    continue;
                }
                if (value.getEventId() != Event.ID.MappingStart) {
                    throw new IndexFormatException(at(source, value) + ": 'entries' must be a mapping of chart names");
                }
                for (Event chartKey = events.next(); chartKey.getEventId() != Event.ID.MappingEnd; chartKey = events.next()) {
                    String chart = chartKey instanceof ScalarEvent c ? c.getValue() : String.valueOf(events.node(chartKey));
                    Event versions = events.next();
                    if (versions.getEventId() != Event.ID.SequenceStart) {
                        events.skip(versions);
                        queue.put(at(source, versions) + ": entries." + chart + " is not a list of versions");
                        continue;
                    }
                    int index = 0;
                    for (Event item = events.next(); item.getEventId() != Event.ID.SequenceEnd; item = events.next()) {
                        int line = item.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                        int column = item.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
                        queue.put(new Scanned(chart, events.node(item), line, column, index++));
                    }
                }
            }
            if (!sawEntries) {
                throw new IndexFormatException(source + ": not a Helm repository index (no 'entries')");
            }
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> source + " line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                    .orElse(source);
            throw new IndexFormatException(where + ": " + firstLine(e.getProblem() != null ? e.getProblem() : e.getContext()), e);
        } catch (YamlEngineException e) {
            throw new IndexFormatException(source + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** YAML events, turned into small trees where a node is wanted; anchors and aliases are honoured, boundedly. */
    private static final class Events {
        private static final int MAX_ALIASES = 1000;
        private final Iterator<Event> iterator;
        private final String source;
        private final Map<String, JsonNode> anchors = new java.util.HashMap<>();
        private Event peeked;
        private int aliases;

        Events(Iterator<Event> iterator, String source) {
            this.iterator = iterator;
            this.source = source;
        }

        Event next() {
            if (peeked != null) {
                Event e = peeked;
                peeked = null;
                return e;
            }
            if (!iterator.hasNext()) {
                throw new IndexFormatException(source + ": the document ends unexpectedly");
            }
            return iterator.next();
        }

        boolean peekIs(Event.ID id) {
            if (peeked == null) {
                peeked = next();
            }
            return peeked.getEventId() == id;
        }

        void expect(Event.ID id) {
            Event e = next();
            if (e.getEventId() != id) {
                throw new IndexFormatException(at(source, e) + ": not a Helm repository index");
            }
        }

        /** Skips the node that starts with {@code first}. */
        void skip(Event first) {
            int depth = opens(first) ? 1 : 0;
            while (depth > 0) {
                Event e = next();
                if (opens(e)) {
                    depth++;
                } else if (e.getEventId() == Event.ID.MappingEnd || e.getEventId() == Event.ID.SequenceEnd) {
                    depth--;
                }
            }
        }

        /** The node that starts with {@code first}, as a tree whose scalars are all text (or null). */
        JsonNode node(Event first) {
            JsonNode node = switch (first) {
                case ScalarEvent s -> isNull(s) ? NODES.nullNode() : NODES.stringNode(s.getValue());
                case AliasEvent a -> {
                    if (++aliases > MAX_ALIASES) {
                        throw new IndexFormatException(at(source, a) + ": more than " + MAX_ALIASES + " aliases");
                    }
                    JsonNode target = anchors.get(a.getAlias().getValue());
                    if (target == null) {
                        throw new IndexFormatException(at(source, a) + ": unknown alias *" + a.getAlias().getValue());
                    }
                    yield target;
                }
                case MappingStartEvent m -> {
                    ObjectNode map = NODES.objectNode();
                    for (Event key = next(); key.getEventId() != Event.ID.MappingEnd; key = next()) {
                        String name = key instanceof ScalarEvent k ? k.getValue() : node(key).toString();
                        map.set(name, node(next()));
                    }
                    yield map;
                }
                case SequenceStartEvent sq -> {
                    ArrayNode list = NODES.arrayNode();
                    for (Event item = next(); item.getEventId() != Event.ID.SequenceEnd; item = next()) {
                        list.add(node(item));
                    }
                    yield list;
                }
                default -> throw new IndexFormatException(at(source, first) + ": unexpected " + first.getEventId());
            };
            if (first instanceof NodeEvent n && !(first instanceof AliasEvent)) {
                n.getAnchor().ifPresent(anchor -> anchors.put(anchor.getValue(), node));
            }
            return node;
        }

        private static boolean opens(Event e) {
            return e.getEventId() == Event.ID.MappingStart || e.getEventId() == Event.ID.SequenceStart;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Plain null, ~ and empty scalars are YAML's null; quoted ones are strings. */
    private static boolean isNull(ScalarEvent s) {
        return s.isPlain() && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null")
                || s.getValue().equals("Null") || s.getValue().equals("NULL"));
    }

    private static String at(String source, Event e) {
        return e.getStartMark().map(m -> source + " line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse(source);
    }

    /** Turns one index entry into what the catalog stores; IllegalArgumentException says what is wrong with it. */
    static IndexEntry entry(String chart, JsonNode e) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("not a mapping");
        }
        if (ChartName.problem(chart) != null) {
            throw new IllegalArgumentException(ChartName.problem(chart));
        }
        String version = text(e, "version");
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("no version");
        }
        if (ChartName.versionProblem(version) != null) {
            throw new IllegalArgumentException(ChartName.versionProblem(version));
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

    static String digest(String value) {
        if (value == null) {
            return null;
        }
        String hex = value.startsWith("sha256:") ? value.substring(7) : value;
        return hex.toLowerCase();
    }

    private static Instant created(String text) {
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
    static ChartVersion withChartYaml(ChartVersion v, String chartYaml) {
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

    private static final tools.jackson.dataformat.yaml.YAMLMapper YAML_TREE = tools.jackson.dataformat.yaml.YAMLMapper.builder().build();

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainer() ? null : v.asString();
    }

    private static List<String> strings(JsonNode array) {
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

    private static List<VersionMetadata.Maintainer> maintainers(JsonNode array) {
        List<VersionMetadata.Maintainer> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(m -> out.add(new VersionMetadata.Maintainer(text(m, "name"), text(m, "email"), text(m, "url"))));
        }
        return out;
    }

    static List<VersionMetadata.Dependency> dependencies(JsonNode array) {
        List<VersionMetadata.Dependency> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(d -> out.add(new VersionMetadata.Dependency(text(d, "name"), text(d, "version"),
                    text(d, "repository"), text(d, "alias"), text(d, "condition"))));
        }
        return out;
    }

    private static Map<String, String> annotations(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map != null && map.isObject()) {
            map.properties().forEach(p -> out.put(p.getKey(), p.getValue().asString()));
        }
        return out;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not valid YAML";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return line.isBlank() ? "not valid YAML" : line;
    }

    private static void keep(List<String> errors, String error) {
        if (errors.size() < MAX_ERRORS_KEPT) {
            errors.add(error);
        }
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(RepositoryHttpClient.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
