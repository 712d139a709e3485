package io.chartroom.catalog.service;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The YAML events of an index, turned into small trees where a node is wanted; anchors and aliases are
 * honoured, boundedly (an index with a billion laughs is refused, not expanded).
 */
final class IndexEvents {

    private static final int MAX_ALIASES = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Iterator<Event> iterator;
    private final String source;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private @Nullable Event peeked;
    private int aliases;

    IndexEvents(Iterator<Event> iterator, String source) {
        this.iterator = iterator;
        this.source = source;
    }

    Event next() {
        Event e = peeked;
        if (e != null) {
            peeked = null;
            return e;
        }
        if (!iterator.hasNext()) {
            throw new IndexFormatException(source + ": the document ends unexpectedly");
        }
        return iterator.next();
    }

    boolean peekIs(Event.ID id) {
        Event e = peeked;
        if (e == null) {
            e = next();
            peeked = e;
        }
        return e.getEventId() == id;
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

    /** Plain null, ~ and empty scalars are YAML's null; quoted ones are strings. */
    static boolean isNull(ScalarEvent s) {
        return s.isPlain() && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null")
                || s.getValue().equals("Null") || s.getValue().equals("NULL"));
    }

    /** "index.yaml line 3, column 5", for messages about an event. */
    static String at(String source, Event e) {
        return e.getStartMark().map(m -> source + " line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse(source);
    }
}
