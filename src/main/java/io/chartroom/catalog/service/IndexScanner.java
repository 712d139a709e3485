package io.chartroom.catalog.service;

import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.databind.JsonNode;

/**
 * Walks an index's YAML events (SnakeYAML Engine, no type guessing: "1.10" stays "1.10"), putting each version
 * entry as a small tree, and errors about charts whose versions are not a list, on a queue; the document as a
 * whole is never held. A file that is not an index fails with an {@link IndexFormatException} saying where.
 */
final class IndexScanner {

    /** One version entry as scanned, with where it is for error messages. */
    record Scanned(String chart, JsonNode node, int line, int column, int index) {}

    private final LoadSettings load;

    IndexScanner(LoadSettings load) {
        this.load = load;
    }

    /** Puts a {@link Scanned} for each version entry and a String for each chart skipped on {@code queue}. */
    void scan(InputStream in, String source, BlockingQueue<Object> queue) throws InterruptedException {
        try {
            IndexEvents events = new IndexEvents(new Parse(load).parseInputStream(in).iterator(), source);
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
                if (value instanceof ScalarEvent scalar && IndexEvents.isNull(scalar)) {
                    continue;
                }
                if (value.getEventId() != Event.ID.MappingStart) {
                    throw new IndexFormatException(IndexEvents.at(source, value) + ": 'entries' must be a mapping of chart names");
                }
                scanCharts(events, source, queue);
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

    /** The mapping of chart names to their lists of versions, its start already read. */
    private static void scanCharts(IndexEvents events, String source, BlockingQueue<Object> queue) throws InterruptedException {
        for (Event chartKey = events.next(); chartKey.getEventId() != Event.ID.MappingEnd; chartKey = events.next()) {
            String chart = chartKey instanceof ScalarEvent c ? c.getValue() : String.valueOf(events.node(chartKey));
            Event versions = events.next();
            if (versions.getEventId() != Event.ID.SequenceStart) {
                events.skip(versions);
                queue.put(IndexEvents.at(source, versions) + ": entries." + chart + " is not a list of versions");
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

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "not valid YAML";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return line.isBlank() ? "not valid YAML" : line;
    }
}
