package io.chartroom.releases.form;

import io.chartroom.releases.values.SecretFields;
import io.chartroom.base.yaml.YamlNesting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.comments.CommentLine;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Builds a values form for a chart without a schema, from its values.yaml: each key's type comes from its
 * default value, and the comment above it (or after it) becomes its help text ("# -- " helm-docs style too).
 */
public final class InferredFormBuilder {

    private InferredFormBuilder() {}

    public static FormField.Group build(String valuesYaml) {
        if (valuesYaml == null || valuesYaml.isBlank()) {
            return new FormField.Group("", null, null, false, List.of(), null);
        }
        Optional<Node> root;
        try {
            YamlNesting.check(valuesYaml, "values.yaml");
            root = new Compose(LoadSettings.builder().setParseComments(true).build()).composeString(valuesYaml);
        } catch (RuntimeException notYaml) {
            return new FormField.Group("", null, null, false,
                    List.of(new FormField.YamlOnly("", null, null, false, "the chart's values.yaml is not valid YAML")), null);
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode mapping)) {
            return new FormField.Group("", null, null, false, List.of(), null);
        }
        return group("", null, mapping);
    }

    private static FormField.Group group(String key, String description, MappingNode mapping) {
        List<FormField> properties = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                continue;
            }
            String help = comment(tuple.getKeyNode().getBlockComments(), tuple.getValueNode().getInLineComments(),
                    tuple.getKeyNode().getInLineComments());
            properties.add(field(keyNode.getValue(), help, tuple.getValueNode()));
        }
        return new FormField.Group(key, null, description, false, properties, null);
    }

    private static FormField field(String key, String help, Node value) {
        return switch (value) {
            case MappingNode m when m.getValue().isEmpty() ->
                    new FormField.MapOf(key, null, help, false, scalar("", null, FormField.ScalarType.STRING, null));
            case MappingNode m -> group(key, help, m);
            case SequenceNode s -> {
                Node first = s.getValue().isEmpty() ? null : s.getValue().getFirst();
                FormField items = first == null ? scalar("", null, FormField.ScalarType.STRING, null)
                        : first instanceof MappingNode m ? group("", null, m)
                        : first instanceof ScalarNode sc ? scalar("", null, type(sc), null)
                        : new FormField.YamlOnly("", null, null, false, "a list of lists");
                yield new FormField.ListOf(key, null, help, false, items, null, null, null);
            }
            case ScalarNode sc -> scalar(key, help, type(sc), defaultValue(sc));
            default -> new FormField.YamlOnly(key, null, help, false, "an alias");
        };
    }

    private static FormField.Scalar scalar(String key, String help, FormField.ScalarType type, Object defaultValue) {
        return new FormField.Scalar(key, null, help, false, type, defaultValue, List.of(), null, null, false, false,
                null, null, null, null, SecretFields.isSecretByName(key, defaultValue), defaultValue == null);
    }

    private static FormField.ScalarType type(ScalarNode node) {
        Tag tag = node.getTag();
        if (Tag.BOOL.equals(tag)) return FormField.ScalarType.BOOLEAN;
        if (Tag.INT.equals(tag)) return FormField.ScalarType.INTEGER;
        if (Tag.FLOAT.equals(tag)) return FormField.ScalarType.NUMBER;
        return FormField.ScalarType.STRING;
    }

    private static Object defaultValue(ScalarNode node) {
        Tag tag = node.getTag();
        String v = node.getValue();
        try {
            if (Tag.NULL.equals(tag)) return null;
            if (Tag.BOOL.equals(tag)) return Boolean.parseBoolean(v);
            if (Tag.INT.equals(tag)) return Long.parseLong(v);
            if (Tag.FLOAT.equals(tag)) return Double.parseDouble(v);
        } catch (NumberFormatException notPlain) {
            return v;
        }
        return v;
    }

    /** The comment lines that describe a key, without "#" and helm-docs' "-- ". */
    private static String comment(List<CommentLine> block, List<CommentLine> inlineValue, List<CommentLine> inlineKey) {
        List<CommentLine> lines = new ArrayList<>();
        if (block != null) lines.addAll(block);
        if (inlineKey != null) lines.addAll(inlineKey);
        if (inlineValue != null) lines.addAll(inlineValue);
        String text = lines.stream()
                .map(CommentLine::getValue)
                .filter(v -> v != null && !v.isBlank())
                .map(v -> v.strip().replaceFirst("^--\\s*", "").replaceFirst("^@default\\s.*$", ""))
                .filter(v -> !v.isBlank())
                .collect(Collectors.joining(" "));
        return text.isBlank() ? null : text;
    }
}
