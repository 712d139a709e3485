package io.chartroom.releases.values;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks values against a chart's values.schema.json (networknt; the schema's $schema picks draft-07 or
 * 2020-12, formats are asserted) and says which field each problem is on.
 */
public final class SchemaValidator {

    /** One problem, on the field at {@code path} (keys and list indexes). */
    public record Problem(List<Object> path, String message) {
        /** "image.tag", "env[0].name", or "(root)". */
        public String pathText() {
            return ValuesPaths.text(path);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Cache<String, Schema> COMPILED = Caffeine.newBuilder().maximumSize(200).build();

    private SchemaValidator() {}

    public static List<Problem> validate(String schemaJson, Map<String, Object> values) {
        Schema schema = COMPILED.get(schemaJson, text -> REGISTRY.getSchema(text, InputFormat.JSON));
        JsonNode instance = JSON.valueToTree(values);
        List<Problem> problems = new ArrayList<>();
        for (Error error : schema.validate(instance, context -> context.executionConfig(c -> c.formatAssertionsEnabled(true)))) {
            List<Object> path = path(error.getInstanceLocation());
            if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
                path.add(error.getProperty());
            }
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                path.add(error.getProperty());
            }
            problems.add(new Problem(path, message(error)));
        }
        problems.sort(Comparator.comparing(Problem::pathText));
        return problems;
    }

    private static List<Object> path(NodePath location) {
        List<Object> path = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            path.add(location.getElement(i));
        }
        return path;
    }

    /** The validator's message without the location it starts with. */
    private static String message(Error error) {
        String message = error.getMessage();
        String location = error.getInstanceLocation().toString();
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        return switch (error.getKeyword()) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a field of this chart";
            default -> message;
        };
    }
}
