package io.chartroom.releases.form;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Keywords of one JSON schema node read as the form needs them: its type, whether null is allowed, texts, numbers, values. */
final class SchemaKeywords {

    private SchemaKeywords() {}

    /** The schema's type; without "type", guessed from properties, items, an enum, a const or the default. */
    static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isString()) {
            return type.asString();
        }
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        if (schema.has("properties") || schema.has("additionalProperties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        JsonNode example = schema.has("enum") && !schema.get("enum").isEmpty() ? schema.get("enum").get(0)
                : schema.has("const") ? schema.get("const") : schema.get("default");
        if (example != null) {
            if (example.isBoolean()) return "boolean";
            if (example.isIntegralNumber()) return "integer";
            if (example.isNumber()) return "number";
            if (example.isString()) return "string";
        }
        return "unknown";
    }

    static boolean nullable(JsonNode schema) {
        JsonNode type = schema.get("type");
        return type != null && type.isArray() && type.valueStream().anyMatch(t -> t.asString().equals("null"));
    }


    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.decimalValue() : null;
    }

    /** A JSON value as the values tree holds it (maps, lists, String, Long, Double, Boolean). */
    static Object plain(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isBoolean()) return v.asBoolean();
        if (v.isIntegralNumber()) return v.asLong();
        if (v.isNumber()) return v.asDouble();
        if (v.isString()) return v.asString();
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(item -> list.add(plain(item)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        v.properties().forEach(p -> map.put(p.getKey(), plain(p.getValue())));
        return map;
    }
}
