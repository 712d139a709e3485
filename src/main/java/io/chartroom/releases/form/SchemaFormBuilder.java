package io.chartroom.releases.form;

import static io.chartroom.releases.form.SchemaKeywords.decimal;
import static io.chartroom.releases.form.SchemaKeywords.nullable;
import static io.chartroom.releases.form.SchemaKeywords.plain;
import static io.chartroom.releases.form.SchemaKeywords.text;
import static io.chartroom.releases.form.SchemaKeywords.type;

import io.chartroom.releases.values.SecretFields;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a values form from a chart's values.schema.json (draft-07 or 2020-12): objects become groups,
 * enums choices, numbers bounded fields, arrays lists (of scalars or of objects), oneOf/anyOf a choice,
 * local $refs are followed, allOf is merged. What cannot be shown (recursion, tuples, unresolvable
 * references, conflicting allOf) becomes a YAML-only field.
 */
public final class SchemaFormBuilder {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SchemaDocument document;
    private final Deque<String> refs = new ArrayDeque<>();

    private SchemaFormBuilder(JsonNode root) {
        this.document = new SchemaDocument(root);
    }

    /** The form for the whole values tree. */
    public static FormField.Group build(String schemaJson) {
        JsonNode root = JSON.readTree(schemaJson);
        FormField field = new SchemaFormBuilder(root).field("", root, false);
        if (field instanceof FormField.Group group) {
            return group;
        }
        return new FormField.Group("", null, null, false, List.of(field), null);
    }

    private FormField field(String key, JsonNode schema, boolean required) {
        if (schema == null || schema.isBoolean()) {
            return yamlOnly(key, schema, required, "any value");
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            if (refs.contains(ref)) {
                return yamlOnly(key, schema, required, "a recursive definition");
            }
            JsonNode target = document.resolve(ref);
            if (target == null) {
                return yamlOnly(key, schema, required, "the reference " + ref + " cannot be resolved");
            }
            refs.push(ref);
            try {
                return field(key, SchemaDocument.overlay(target, schema), required);
            } finally {
                refs.pop();
            }
        }
        if (schema.has("allOf")) {
            JsonNode merged = document.mergeAllOf(schema);
            if (merged == null) {
                return yamlOnly(key, schema, required, "allOf with parts the form cannot combine");
            }
            return field(key, merged, required);
        }
        JsonNode alternatives = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
        if (alternatives != null && alternatives.isArray()) {
            return choice(key, schema, required, alternatives);
        }
        String type = type(schema);
        boolean nullable = nullable(schema);
        String title = text(schema, "title");
        String description = text(schema, "description");
        return switch (type) {
            case "object" -> object(key, schema, required, title, description);
            case "array" -> array(key, schema, required, title, description);
            case "string", "integer", "number", "boolean" -> scalar(key, schema, required, type, nullable);
            default -> yamlOnly(key, schema, required, "no type the form knows");
        };
    }

    private FormField object(String key, JsonNode schema, boolean required, String title, String description) {
        Set<String> requiredKeys = new LinkedHashSet<>();
        schema.path("required").forEach(r -> requiredKeys.add(r.asString()));
        List<FormField> properties = new ArrayList<>();
        schema.path("properties").properties().forEach(p -> properties.add(field(p.getKey(), p.getValue(), requiredKeys.contains(p.getKey()))));
        JsonNode additional = schema.get("additionalProperties");
        FormField extra = additional != null && additional.isObject() ? field("", additional, false) : null;
        if (properties.isEmpty()) {
            if (extra != null) {
                return new FormField.MapOf(key, title, description, required, extra);
            }
            if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                return new FormField.Group(key, title, description, required, List.of(), null);
            }
            return yamlOnly(key, schema, required, "a free-form object");
        }
        return new FormField.Group(key, title, description, required, properties, extra);
    }

    private FormField array(String key, JsonNode schema, boolean required, String title, String description) {
        if (schema.has("prefixItems") || schema.path("items").isArray()) {
            return yamlOnly(key, schema, required, "a list whose items differ by position");
        }
        JsonNode items = schema.get("items");
        FormField itemField = items == null || items.isBoolean()
                ? new FormField.Scalar("", null, null, false, FormField.ScalarType.STRING, null, List.of(), null, null,
                        false, false, null, null, null, null, false, false)
                : field("", items, false);
        Integer minItems = schema.has("minItems") ? schema.get("minItems").asInt() : null;
        Integer maxItems = schema.has("maxItems") ? schema.get("maxItems").asInt() : null;
        return new FormField.ListOf(key, title, description, required, itemField, minItems, maxItems, plain(schema.get("default")));
    }

    private FormField scalar(String key, JsonNode schema, boolean required, String type, boolean nullable) {
        List<Object> options = new ArrayList<>();
        schema.path("enum").forEach(v -> {
            if (!v.isNull()) {
                options.add(plain(v));
            }
        });
        if (schema.has("const")) {
            options.add(plain(schema.get("const")));
        }
        String format = text(schema, "format");
        boolean secret = SecretFields.isSecretBySchema(schema.path("writeOnly").asBoolean(false), format)
                || SecretFields.isSecretByName(key, plain(schema.get("default")));
        FormField.ScalarType scalarType = switch (type) {
            case "integer" -> FormField.ScalarType.INTEGER;
            case "number" -> FormField.ScalarType.NUMBER;
            case "boolean" -> FormField.ScalarType.BOOLEAN;
            default -> FormField.ScalarType.STRING;
        };
        BigDecimal minimum = decimal(schema, "minimum");
        BigDecimal maximum = decimal(schema, "maximum");
        boolean exclusiveMinimum = false;
        boolean exclusiveMaximum = false;
        // draft-07: exclusiveMinimum is a number; draft-04: a boolean next to minimum
        if (schema.path("exclusiveMinimum").isNumber()) {
            minimum = schema.get("exclusiveMinimum").decimalValue();
            exclusiveMinimum = true;
        } else if (schema.path("exclusiveMinimum").asBoolean(false)) {
            exclusiveMinimum = true;
        }
        if (schema.path("exclusiveMaximum").isNumber()) {
            maximum = schema.get("exclusiveMaximum").decimalValue();
            exclusiveMaximum = true;
        } else if (schema.path("exclusiveMaximum").asBoolean(false)) {
            exclusiveMaximum = true;
        }
        return new FormField.Scalar(key, text(schema, "title"), text(schema, "description"), required, scalarType,
                plain(schema.get("default")), options, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
                text(schema, "pattern"), format, schema.has("minLength") ? schema.get("minLength").asInt() : null,
                schema.has("maxLength") ? schema.get("maxLength").asInt() : null, secret, nullable);
    }

    private FormField choice(String key, JsonNode schema, boolean required, JsonNode alternatives) {
        // alternatives that are all constants form one list of options
        boolean constants = true;
        List<Object> values = new ArrayList<>();
        for (JsonNode alternative : alternatives) {
            JsonNode resolved = alternative.has("$ref") ? document.resolve(alternative.get("$ref").asString()) : alternative;
            if (resolved == null || !(resolved.has("const") || resolved.has("enum"))) {
                constants = false;
                break;
            }
            if (resolved.has("const")) {
                values.add(plain(resolved.get("const")));
            } else {
                resolved.get("enum").forEach(v -> values.add(plain(v)));
            }
        }
        if (constants && !values.isEmpty()) {
            FormField.ScalarType type = values.stream().allMatch(v -> v instanceof Number) ? FormField.ScalarType.NUMBER
                    : values.stream().allMatch(v -> v instanceof Boolean) ? FormField.ScalarType.BOOLEAN : FormField.ScalarType.STRING;
            return new FormField.Scalar(key, text(schema, "title"), text(schema, "description"), required, type,
                    plain(schema.get("default")), values, null, null, false, false, null, null, null, null, false, false);
        }
        List<FormField> options = new ArrayList<>();
        int index = 1;
        for (JsonNode alternative : alternatives) {
            JsonNode merged = alternative.isObject() ? SchemaDocument.overlay(SchemaDocument.withoutAlternatives(schema), alternative) : alternative;
            FormField option = field(key, merged, required);
            String name = option.title() != null ? option.title() : describe(option, index);
            options.add(retitle(option, name));
            index++;
        }
        return new FormField.Choice(key, text(schema, "title"), text(schema, "description"), required, options);
    }

    private static String describe(FormField f, int index) {
        return switch (f) {
            case FormField.Scalar s -> s.options().isEmpty() ? s.type().name().toLowerCase() : "one of " + s.options();
            case FormField.Group g -> "object" + (g.properties().isEmpty() ? "" : " with " + g.properties().getFirst().key());
            case FormField.ListOf l -> "list";
            case FormField.MapOf m -> "map";
            default -> "option " + index;
        };
    }

    private static FormField retitle(FormField f, String title) {
        return switch (f) {
            case FormField.Group g -> new FormField.Group(g.key(), title, g.description(), g.required(), g.properties(), g.additional());
            case FormField.Scalar s -> new FormField.Scalar(s.key(), title, s.description(), s.required(), s.type(), s.defaultValue(),
                    s.options(), s.minimum(), s.maximum(), s.exclusiveMinimum(), s.exclusiveMaximum(), s.pattern(), s.format(),
                    s.minLength(), s.maxLength(), s.secret(), s.nullable());
            case FormField.ListOf l -> new FormField.ListOf(l.key(), title, l.description(), l.required(), l.items(), l.minItems(), l.maxItems(), l.defaultValue());
            case FormField.MapOf m -> new FormField.MapOf(m.key(), title, m.description(), m.required(), m.values());
            case FormField.Choice c -> new FormField.Choice(c.key(), title, c.description(), c.required(), c.alternatives());
            case FormField.YamlOnly y -> new FormField.YamlOnly(y.key(), title, y.description(), y.required(), y.reason());
        };
    }

    private static FormField yamlOnly(String key, JsonNode schema, boolean required, String reason) {
        return new FormField.YamlOnly(key, schema == null ? null : text(schema, "title"),
                schema == null ? null : text(schema, "description"), required, reason);
    }
}
