package io.chartroom.adoption.helmfile;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Where the nodes of a composed YAML text are written in it ({@link InPlaceYamlEdit}): offsets, lines and columns
 * (the parser counts code points; the text is Java's chars), where a node's content ends (a block mapping's own end
 * is where the next key starts, after blank lines and comments that are not its), and its lines.
 */
final class YamlText {

    private final String text;
    /** Char offset of each code point, only where the text has characters outside the BMP. */
    private final int @Nullable [] charOffsets;

    YamlText(String text) {
        this.text = text;
        this.charOffsets = text.length() == text.codePointCount(0, text.length()) ? null : offsets(text);
    }

    private static int[] offsets(String text) {
        int[] offsets = new int[text.codePointCount(0, text.length()) + 1];
        int chars = 0;
        int i = 0;
        for (int codePoint : text.codePoints().toArray()) {
            offsets[i++] = chars;
            chars += Character.charCount(codePoint);
        }
        offsets[i] = chars;
        return offsets;
    }

    private int offset(int codePointIndex) {
        return charOffsets == null ? codePointIndex : charOffsets[codePointIndex];
    }

    int start(Node node) {
        return offset(node.getStartMark().orElseThrow().getIndex());
    }

    int end(Node node) {
        return offset(node.getEndMark().orElseThrow().getIndex());
    }

    /** The node's 1-based line. */
    int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    int column(Node node) {
        return node.getStartMark().orElseThrow().getColumn();
    }

    int lineStart(int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }

    /** The start of the line after the one the offset is on (the text's end if it is the last line). */
    int lineEndAfter(int offset) {
        if (offset > 0 && text.charAt(offset - 1) == '\n') {
            return offset;
        }
        int newline = text.indexOf('\n', offset);
        return newline < 0 ? text.length() : newline + 1;
    }

    /** The 1-based line of an offset. */
    int lineAt(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The file's line break: CRLF if it uses it, else LF. */
    String newline() {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** The text with lines put in at an offset that starts a line (or the end of a text without a final newline). */
    String insert(int offset, String lines) {
        boolean needsNewline = offset == text.length() && !text.isEmpty() && !text.endsWith("\n");
        return text.substring(0, offset) + (needsNewline ? newline() : "") + lines.replace("\n", newline()) + text.substring(offset);
    }

    /** Whether the mapping is written with a merge key ({@code <<:}), which the composer leaves out once its keys are all overridden. */
    boolean hasMergeKey(MappingNode mapping) {
        int start = start(mapping);
        String written = text.substring(start, Math.max(start, contentEnd(mapping)));
        int column = column(mapping);
        return java.util.regex.Pattern.compile("(?m)^ {" + column + "}<<\\s*:").matcher(written).find()
                || written.startsWith("<<") || written.contains("{<<") || written.contains(", <<");
    }

    /** The 1-based line that {@link #insert} starts its lines on. */
    int insertedLine(int offset) {
        return lineAt(offset) + (offset == text.length() && !text.isEmpty() && !text.endsWith("\n") ? 1 : 0);
    }

    /** Where the tuple's value ends in the text: an alias or an empty value ends on the key's line. */
    int contentEnd(NodeTuple tuple) {
        Node value = tuple.getValueNode();
        int keyEnd = end(tuple.getKeyNode());
        if (emptyNull(value) || start(value) < keyEnd) {
            return Math.max(keyEnd, text.indexOf(':', keyEnd) + 1);
        }
        return contentEnd(value);
    }

    int contentEnd(Node node) {
        if (node instanceof MappingNode mapping && mapping.getFlowStyle() == FlowStyle.BLOCK && !own(mapping).isEmpty()) {
            return contentEnd(own(mapping).getLast());
        }
        if (node instanceof SequenceNode list && list.getFlowStyle() == FlowStyle.BLOCK && !list.getValue().isEmpty()) {
            Node last = list.getValue().getLast();
            return start(last) < start(list) ? lineEndAfter(start(list)) : contentEnd(last);
        }
        return end(node);
    }

    /** How far the file indents a mapping under its key: as this mapping does, else as the top level does, else 2. */
    int indentStep(MappingNode mapping, @Nullable Node root) {
        int own = ownIndentStep(mapping);
        int top = own > 0 ? own : ownIndentStep(root);
        return top > 0 ? top : 2;
    }

    private int ownIndentStep(@Nullable Node node) {
        if (node instanceof MappingNode mapping && mapping.getFlowStyle() == FlowStyle.BLOCK) {
            for (NodeTuple tuple : own(mapping)) {
                if (tuple.getValueNode() instanceof MappingNode child && child.getFlowStyle() == FlowStyle.BLOCK && !own(child).isEmpty()
                        && start(child) > end(tuple.getKeyNode())) {
                    int step = column(own(child).getFirst().getKeyNode()) - column(tuple.getKeyNode());
                    if (step > 0) {
                        return step;
                    }
                }
            }
        }
        return 0;
    }

    /**
     * The entries written in the mapping itself, in order. The composer flattens merge keys ({@code <<: *anchor}) into
     * the mapping with the anchor's own nodes: those are written before the mapping, where the anchor is.
     */
    List<NodeTuple> own(MappingNode mapping) {
        int start = start(mapping);
        return mapping.getValue().stream().filter(t -> start(t.getKeyNode()) >= start
                && !(t.getKeyNode() instanceof ScalarNode k && Tag.MERGE.equals(k.getTag()))).toList();
    }

    /** The mapping's own entry for a key (not one a merge key brings in). */
    @Nullable NodeTuple tuple(MappingNode mapping, String key) {
        return own(mapping).stream().filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)).findFirst().orElse(null);
    }

    /** Whether a merge key ({@code <<: *anchor}) brings the key into the mapping. */
    boolean merged(MappingNode mapping, String key) {
        List<NodeTuple> own = own(mapping);
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || own.contains(t)) {
                continue;
            }
            if (k.getValue().equals(key)) {
                return true; // flattened into the mapping by the composer
            }
            if (Tag.MERGE.equals(k.getTag())) {
                List<Node> sources = t.getValueNode() instanceof SequenceNode list ? list.getValue() : List.of(t.getValueNode());
                if (sources.stream().anyMatch(m -> m instanceof MappingNode source && (tuple(source, key) != null || merged(source, key)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code key:} with nothing written after it. */
    static boolean emptyNull(Node node) {
        return node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN && s.getValue().isEmpty();
    }

    static String kind(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s -> "a single value"; // never the value: a team's file may hold a secret
            default -> "a YAML node";
        };
    }
}
