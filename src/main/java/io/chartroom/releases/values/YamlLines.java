package io.chartroom.releases.values;

import io.chartroom.base.yaml.YamlNesting;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Where in a YAML text a values path is written, so that a problem on a field can be marked at its line. */
public final class YamlLines {

    private YamlLines() {}

    /** The 1-based line of the deepest part of the path the text has, or empty. */
    public static Optional<Integer> lineOf(String yaml, List<Object> path) {
        if (yaml == null || yaml.isBlank()) {
            return Optional.empty();
        }
        Node node;
        try {
            YamlNesting.check(yaml, "values");
            node = new Compose(LoadSettings.builder().build()).composeString(yaml).orElse(null);
        } catch (RuntimeException notYaml) {
            return Optional.empty();
        }
        Integer line = null;
        for (Object step : path) {
            Node next = null;
            if (node instanceof MappingNode map && step instanceof String key) {
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        line = k.getStartMark().map(m -> m.getLine() + 1).orElse(line);
                        next = t.getValueNode();
                        break;
                    }
                }
            } else if (node instanceof SequenceNode seq && step instanceof Integer index && index < seq.getValue().size()) {
                next = seq.getValue().get(index);
                line = next.getStartMark().map(m -> m.getLine() + 1).orElse(line);
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return Optional.ofNullable(line);
    }
}
