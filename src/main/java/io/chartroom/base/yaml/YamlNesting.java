package io.chartroom.base.yaml;

import io.chartroom.base.error.InvalidInputException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A bound on how deeply YAML input nests, checked on the parser's events (which need no recursion) before
 * anything builds a tree: a document nested thousands of levels deep would otherwise exhaust the stack of
 * whatever walks it. Syntax errors are left to the real parse, which reports them with their position.
 */
public final class YamlNesting {

    /** Deeper than any real values file or helmfile; far from what would endanger a thread's stack. */
    public static final int MAX_DEPTH = 100;

    private YamlNesting() {}

    public static void check(String text, String source) {
        if (text == null || text.isEmpty()) {
            return;
        }
        int depth = 0;
        try {
            for (Event event : new Parse(LoadSettings.builder().setCodePointLimit(Math.max(text.length() + 1, 3 * 1024 * 1024)).build())
                    .parseString(text)) {
                switch (event.getEventId()) {
                    case MappingStart, SequenceStart -> {
                        if (++depth > MAX_DEPTH) {
                            int line = event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                            throw InvalidInputException.of(source + (line > 0 ? ":" + line : ""),
                                    "nested deeper than " + MAX_DEPTH + " levels; Chartroom reads at most " + MAX_DEPTH);
                        }
                    }
                    case MappingEnd, SequenceEnd -> depth--;
                    default -> { }
                }
            }
        } catch (YamlEngineException syntax) {
            // reported by the parse that follows, with line and column
        }
    }
}
