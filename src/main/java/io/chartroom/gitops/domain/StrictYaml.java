package io.chartroom.gitops.domain;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.yaml.YamlNesting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reading one repository file's YAML nodes strictly: every unexpected shape or key fails with the file and
 * the line of the node, never a guess.
 */
final class StrictYaml {

    private final String path;

    StrictYaml(String path) {
        this.path = path;
    }

    List<Node> documents(String text) {
        try {
            YamlNesting.check(text, path);
        } catch (InvalidInputException tooDeep) {
            throw new LayoutException(path, tooDeep.getMessage().replaceFirst("^[^ ]*: ", ""));
        }
        try {
            List<Node> documents = new ArrayList<>();
            new Compose(LoadSettings.builder().build()).composeAllFromString(text).forEach(documents::add);
            return documents;
        } catch (MarkedYamlEngineException e) {
            throw new LayoutException(path, e.getProblemMark().map(m -> m.getLine() + 1).orElse(null), e.getProblem());
        }
    }

    /** A mapping whose keys must all be in {@code allowed}, in its order. */
    Map<String, Node> mapping(Node node, Set<String> allowed) {
        Map<String, Node> out = mapping(node);
        for (var entry : out.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw fail(keyNode(node, entry.getKey()), "'" + entry.getKey() + "' is not something Chartroom writes here");
            }
        }
        return out;
    }

    /** A mapping with any keys, in its order. */
    Map<String, Node> mapping(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            throw fail(node, "expected a mapping");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = scalar(t.getKeyNode());
            if (out.put(key, t.getValueNode()) != null) {
                throw fail(t.getKeyNode(), "'" + key + "' appears twice");
            }
        }
        return out;
    }

    private static Node keyNode(Node mapping, String key) {
        return ((MappingNode) mapping).getValue().stream().map(NodeTuple::getKeyNode)
                .filter(k -> k instanceof ScalarNode s && s.getValue().equals(key)).findFirst().orElse(mapping);
    }

    Node required(Node parent, Map<String, Node> map, String key) {
        Node node = map.get(key);
        if (node == null) {
            throw fail(parent, "'" + key + "' is missing");
        }
        return node;
    }

    List<Node> sequence(Node node) {
        if (!(node instanceof SequenceNode sequence)) {
            throw fail(node, "expected a list");
        }
        return sequence.getValue();
    }

    String scalar(Node node) {
        if (!(node instanceof ScalarNode scalar)) {
            throw fail(node, "expected a single value");
        }
        return scalar.getValue();
    }

    LayoutException fail(Node node, String problem) {
        return new LayoutException(path, node == null ? null : node.getStartMark().map(m -> m.getLine() + 1).orElse(null), problem);
    }

    LayoutException fail(int line, String problem) {
        return new LayoutException(path, line, problem);
    }

    LayoutException fail(String problem) {
        return new LayoutException(path, problem);
    }
}
