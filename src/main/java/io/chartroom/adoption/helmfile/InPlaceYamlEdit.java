package io.chartroom.adoption.helmfile;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.yaml.YamlScalar;
import io.chartroom.releases.values.ValuesPaths;
import io.chartroom.releases.values.ValuesTree;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One value of a team's values file set or removed by editing the file's text, never by writing it anew: every
 * other byte (comments, anchors, order, quoting, blank lines) stays. A changed value changes one line; a new one adds
 * its lines at the end of the deepest mapping the file already has; a removed one takes its lines (and mappings left
 * empty above it). What cannot be done that way (a value reached through an alias or a merge key's nested mapping,
 * an anchored or tagged scalar, a block scalar, a flow mapping, a list to grow) is refused with file and line, as is
 * a result that would not read back as the file's values with exactly that one change.
 */
public final class InPlaceYamlEdit {

    /** The file's new text and the (1-based) line where it changed. */
    public record Edited(String text, int line) {}

    private final String file;
    private final String text;
    private final YamlText at;
    private final @Nullable Node root;

    private InPlaceYamlEdit(String file, String text) {
        this.file = file;
        this.text = text;
        this.at = new YamlText(text);
        List<Node> documents = new ArrayList<>();
        try {
            new Compose(HelmfileYaml.SETTINGS).composeAllFromString(text).forEach(documents::add);
        } catch (YamlEngineException e) {
            throw refused(1, "not YAML this edit can read: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (documents.size() > 1) {
            throw refused(1, "holds " + documents.size() + " YAML documents; a values file has one");
        }
        this.root = documents.isEmpty() ? null : documents.getFirst();
        if (root != null && !(root instanceof MappingNode)) {
            throw refused(1, "is not a mapping of values");
        }
    }

    /** Sets a single value (text, number, boolean) at the path. */
    public static Edited set(String file, String text, List<Object> path, Object value) {
        InPlaceYamlEdit edit = new InPlaceYamlEdit(file, text);
        Edited edited = edit.setValue(path, value);
        return edit.verified(edited, tree -> ValuesTree.set(tree, path, value));
    }

    /** Removes the value at the path (and mappings left empty above it); a path the file does not set changes nothing. */
    public static Edited remove(String file, String text, List<Object> path) {
        InPlaceYamlEdit edit = new InPlaceYamlEdit(file, text);
        Edited edited = edit.removeValue(path);
        return edited == null ? new Edited(text, 0) : edit.verified(edited, tree -> ValuesTree.remove(tree, path));
    }

    private Edited setValue(List<Object> path, Object value) {
        String rendered = scalar(file, value);
        if (root == null) {
            return inserted(text.length(), newLines(path, 0, 0, 2, rendered));
        }
        Node node = root;
        for (int i = 0; i < path.size(); i++) {
            Object step = path.get(i);
            String where = ValuesPaths.text(path.subList(0, i + 1));
            if (node instanceof MappingNode mapping && step instanceof String key) {
                NodeTuple tuple = at.tuple(mapping, key);
                if (tuple == null) {
                    if (i < path.size() - 1 && at.merged(mapping, key)) {
                        throw refused(at.line(mapping), where + " comes from a merge key (<<:) here; setting a value under it would replace all of it");
                    }
                    return insert(mapping, path, i, rendered);
                }
                Node child = tuple.getValueNode();
                if (at.start(child) < at.end(tuple.getKeyNode())) {
                    throw refused(at.line(tuple.getKeyNode()), where + " is an alias of an anchor: changing it would change every place that uses the anchor");
                }
                if (YamlText.emptyNull(child)) {
                    return i < path.size() - 1 ? underEmptyKey(tuple, path, i + 1, rendered) : afterEmptyKey(tuple, rendered);
                }
                node = child;
            } else if (node instanceof SequenceNode list && step instanceof Integer index && index >= 0 && index < list.getValue().size()) {
                Node item = list.getValue().get(index);
                if (at.start(item) < at.start(list)) {
                    throw refused(at.line(list), where + " is an alias of an anchor: changing it would change every place that uses the anchor");
                }
                if (YamlText.emptyNull(item)) {
                    throw refused(at.line(list), where + " is an empty list item; edit it in the file");
                }
                node = item;
            } else {
                throw refused(at.line(node), ValuesPaths.text(path.subList(0, i)) + " is " + YamlText.kind(node)
                        + (step instanceof Integer ? "; only values the list already has are edited in place" : ", not a mapping"));
            }
        }
        return replaceScalar(node, ValuesPaths.text(path), value, rendered);
    }

    private Edited replaceScalar(Node node, String where, Object value, String rendered) {
        if (!(node instanceof ScalarNode scalar)) {
            throw refused(at.line(node), where + " is " + YamlText.kind(node) + "; only single values are edited in place");
        }
        int line = at.line(scalar);
        if (scalar.getAnchor().isPresent()) {
            throw refused(line, where + " carries the anchor &" + scalar.getAnchor().get() + ": changing it would change every alias of it");
        }
        int start = at.start(scalar);
        int end = at.end(scalar);
        if (start >= text.length() || text.charAt(start) == '!' || scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED
                || text.substring(start, end).contains("\n")) {
            throw refused(line, where + " is written with a tag or on several lines; edit it in the file");
        }
        String replacement = rendered;
        if (value instanceof String string && scalar.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED) {
            replacement = YamlScalar.quoted(file, string);
        } else if (value instanceof String string && scalar.getScalarStyle() == ScalarStyle.SINGLE_QUOTED && string.chars().noneMatch(c -> c < ' ')) {
            replacement = "'" + string.replace("'", "''") + "'";
        }
        return new Edited(text.substring(0, start) + replacement + text.substring(end), line);
    }

    /** A key the mapping does not have: its lines (and those of mappings under it) at the end of the mapping. */
    private Edited insert(MappingNode mapping, List<Object> path, int from, String rendered) {
        if (mapping.getFlowStyle() == FlowStyle.FLOW) {
            throw refused(at.line(mapping), (from == 0 ? "the file's top level" : ValuesPaths.text(path.subList(0, from)))
                    + " is written in flow style ({...}); edit it in the file");
        }
        List<NodeTuple> own = at.own(mapping);
        if (own.isEmpty()) {
            throw refused(at.line(mapping), ValuesPaths.text(path.subList(0, from)) + " has only what a merge key brings in; edit it in the file");
        }
        NodeTuple first = own.getFirst();
        NodeTuple last = own.getLast();
        int column = at.column(first.getKeyNode());
        int offset = at.lineEndAfter(at.contentEnd(last));
        return inserted(offset, newLines(path, from, column, at.indentStep(mapping, root), rendered));
    }

    private Edited inserted(int offset, String lines) {
        return new Edited(at.insert(offset, lines), at.insertedLine(offset));
    }

    /** {@code key:} with nothing after it, and a path that goes on under it: the rest as a block under the key. */
    private Edited underEmptyKey(NodeTuple tuple, List<Object> path, int from, String rendered) {
        int offset = at.lineEndAfter(at.contentEnd(tuple));
        int step = at.indentStep((MappingNode) root, root);
        return inserted(offset, newLines(path, from, at.column(tuple.getKeyNode()) + step, step, rendered));
    }

    /** {@code key:} with nothing after it, set: the value after the colon, on the key's line. */
    private Edited afterEmptyKey(NodeTuple tuple, String rendered) {
        int offset = at.contentEnd(tuple);
        return new Edited(text.substring(0, offset) + " " + rendered + text.substring(offset), at.line(tuple.getKeyNode()));
    }

    private String newLines(List<Object> path, int from, int column, int step, String rendered) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < path.size(); i++) {
            if (!(path.get(i) instanceof String key)) {
                throw refused(0, ValuesPaths.text(path.subList(0, i + 1)) + ": the file has no such list; edit it in the file");
            }
            lines.append(" ".repeat(column + (i - from) * step)).append(YamlScalar.of("key", key)).append(':')
                    .append(i == path.size() - 1 ? " " + rendered : "").append('\n');
        }
        return lines.toString();
    }

    private @Nullable Edited removeValue(List<Object> path) {
        Node node = root;
        List<MappingNode> mappings = new ArrayList<>();
        List<NodeTuple> tuples = new ArrayList<>();
        for (Object step : path) {
            if (step instanceof Integer) {
                throw refused(0, ValuesPaths.text(path) + ": items of a list are removed in the file");
            }
            if (!(node instanceof MappingNode mapping) || !(step instanceof String key)) {
                return null; // a path the file does not have is not set here
            }
            NodeTuple tuple = at.tuple(mapping, key);
            if (tuple == null && at.merged(mapping, key)) {
                throw refused(at.line(mapping), ValuesPaths.text(path) + " comes from a merge key (<<:) here: it is removed where the anchor is, for all");
            }
            if (tuple == null) {
                return null;
            }
            if (at.start(tuple.getValueNode()) < at.end(tuple.getKeyNode())) {
                throw refused(at.line(tuple.getKeyNode()), ValuesPaths.text(path) + " is reached through an alias of an anchor; edit it in the file");
            }
            mappings.add(mapping);
            tuples.add(tuple);
            node = tuple.getValueNode();
        }
        // the tuple to take out: the value's, or the highest mapping's above it that would be left empty (one written
        // with a merge key never is)
        int i = tuples.size() - 1;
        while (i > 0 && mappings.get(i).getValue().size() == 1 && !at.hasMergeKey(mappings.get(i))) {
            i--;
        }
        MappingNode mapping = mappings.get(i);
        NodeTuple tuple = tuples.get(i);
        if (mapping.getFlowStyle() == FlowStyle.FLOW) {
            throw refused(at.line(mapping), ValuesPaths.text(path) + " is written in flow style ({...}); edit it in the file");
        }
        int start = at.lineStart(at.start(tuple.getKeyNode()));
        if (!text.substring(start, at.start(tuple.getKeyNode())).isBlank()) {
            throw refused(at.line(tuple.getKeyNode()), ValuesPaths.text(path) + " shares its line with something else; edit it in the file");
        }
        int end = at.lineEndAfter(at.contentEnd(tuple));
        return new Edited(text.substring(0, start) + text.substring(end), at.lineAt(start));
    }

    /** The edit stands only if the file reads back as its values before, with exactly that change. */
    private Edited verified(Edited edited, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> expected = values(text);
        change.accept(expected);
        Map<String, Object> actual;
        try {
            actual = values(edited.text());
        } catch (RuntimeException broken) {
            throw refused(edited.line(), "changing it in place would break the file (" + broken.getMessage() + "); edit it in the file");
        }
        if (!ValuesTree.equal(expected, actual)) {
            throw refused(edited.line(), "changing it in place would change other values too; edit it in the file");
        }
        return edited;
    }

    private static Map<String, Object> values(String text) {
        List<Map<String, Object>> documents = HelmfileYaml.documents(text);
        return documents.isEmpty() ? new LinkedHashMap<>() : ValuesTree.copy(documents.getFirst());
    }

    /** A single value as YAML writes it on one line: Helm reads it back as the same value. */
    static String scalar(String file, Object value) {
        return switch (value) {
            case Boolean b -> b.toString();
            case Integer n -> n.toString();
            case Long n -> n.toString();
            case BigInteger n -> n.toString();
            // 0.25 as it is; 1e20 with its exponent, which YAML reads back as the same number (written out, it would be an integer)
            case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d).toPlainString().length() <= 17
                    ? BigDecimal.valueOf(d).toPlainString() : Double.toString(d);
            case BigDecimal d -> d.toPlainString();
            case String s -> YamlScalar.of(file, s);
            default -> throw InvalidInputException.of(file, "only a text, a number or true/false is set in place, not "
                    + (value instanceof Map<?, ?> ? "a mapping" : value instanceof List<?> ? "a list" : "that"));
        };
    }

    private InvalidInputException refused(int line, String message) {
        return InvalidInputException.of(line > 0 ? file + ":" + line : file, message);
    }
}
