package io.chartroom.releases.values;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.yaml.YamlNesting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Values as YAML text and as a tree (maps, lists, strings, numbers, booleans, null), with YAML 1.2 core types
 * as Helm reads them. Text that is not YAML, not a mapping at the top, or too large fails with where.
 */
public final class ValuesYaml {

    /** The largest values file Chartroom accepts for one layer. */
    public static final int MAX_CHARS = 1024 * 1024;

    private ValuesYaml() {}

    /** Parses one layer; empty text is an empty map. {@code source} names the layer in errors. */
    public static Map<String, Object> parse(String text, String source) {
        if (text == null || text.isBlank()) {
            return new LinkedHashMap<>();
        }
        if (text.length() > MAX_CHARS) {
            throw InvalidInputException.of(source, "the values are " + text.length() / 1024 + " KB; at most "
                    + MAX_CHARS / 1024 + " KB per layer are accepted");
        }
        YamlNesting.check(text, source);
        Object parsed;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(source)
                    .setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(20)
                    .setCodePointLimit(MAX_CHARS + 1)
                    .build();
            parsed = new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> source + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(source);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage().lines().findFirst().orElse("");
            // "while parsing a flow sequence" at 3:8: where the unfinished thing began, often the real mistake
            String context = e.getContext() == null ? "" : e.getContextMark()
                    .map(m -> " (" + e.getContext() + " that starts at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")")
                    .orElse(" (" + e.getContext() + ")");
            throw InvalidInputException.of(where, problem + context);
        } catch (YamlEngineException e) {
            throw InvalidInputException.of(source, e.getMessage().lines().findFirst().orElse("not valid YAML"));
        }
        if (parsed == null) {
            return new LinkedHashMap<>();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw InvalidInputException.of(source + ":1:1", "values must be a mapping of keys to values, not a "
                    + (parsed instanceof List ? "list" : "single value"));
        }
        return ValuesTree.copy(map);
    }

    /** YAML text for a tree, block style, two-space indentation, read back by Helm as the same values; "" for an empty map. */
    public static String dump(Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        DumpSettings settings = DumpSettings.builder()
                .setSchema(io.chartroom.base.yaml.HelmReadableSchema.INSTANCE) // "on" stays a string for Helm's YAML 1.1
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(120)
                .build();
        return new Dump(settings).dumpToString(values);
    }
}
