package io.chartroom.releases.form;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A values.schema.json as the form builder reads it: local references followed, allOf parts merged, a
 * referring schema's own keywords laid over what it references. Null where the form cannot follow.
 */
final class SchemaDocument {

    private final JsonNode root;

    SchemaDocument(JsonNode root) {
        this.root = root;
    }

    /** Follows a local reference: #/definitions/x, #/$defs/x or any JSON pointer into this schema. */
    JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        JsonNode target = root.at(ref.substring(1).replace("~1", "/").replace("~0", "~"));
        return target.isMissingNode() ? null : target;
    }

    /** allOf parts merged: properties and required united, the rest taken from whichever part has it. */
    JsonNode mergeAllOf(JsonNode schema) {
        ObjectNode merged = ((ObjectNode) schema).deepCopy();
        merged.remove("allOf");
        for (JsonNode part : schema.get("allOf")) {
            JsonNode resolved = part.has("$ref") ? resolve(part.get("$ref").asString()) : part;
            if (resolved == null || !resolved.isObject() || resolved.has("oneOf") || resolved.has("anyOf") || resolved.has("allOf")) {
                return null;
            }
            for (var p : resolved.properties()) {
                switch (p.getKey()) {
                    case "properties" -> {
                        ObjectNode props = merged.has("properties") ? (ObjectNode) merged.get("properties") : merged.putObject("properties");
                        p.getValue().properties().forEach(q -> props.set(q.getKey(), q.getValue()));
                    }
                    case "required" -> {
                        var list = merged.has("required") ? (ArrayNode) merged.get("required") : merged.putArray("required");
                        p.getValue().forEach(list::add);
                    }
                    case "type" -> {
                        if (merged.has("type") && !merged.get("type").equals(p.getValue())) {
                            return null;
                        }
                        merged.set("type", p.getValue());
                    }
                    default -> {
                        if (!merged.has(p.getKey())) {
                            merged.set(p.getKey(), p.getValue());
                        }
                    }
                }
            }
        }
        return merged;
    }

    /** The referenced schema, with the referring schema's own keywords (title, description, default) on top. */
    static JsonNode overlay(JsonNode target, JsonNode referring) {
        if (!target.isObject() || !referring.isObject()) {
            return target;
        }
        ObjectNode merged = ((ObjectNode) target).deepCopy();
        referring.properties().forEach(p -> {
            if (!p.getKey().equals("$ref")) {
                merged.set(p.getKey(), p.getValue());
            }
        });
        return merged;
    }

    /** The schema without oneOf/anyOf, so that an alternative inherits its siblings (type, description). */
    static JsonNode withoutAlternatives(JsonNode schema) {
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        copy.remove("oneOf");
        copy.remove("anyOf");
        copy.remove("title");
        return copy;
    }
}
