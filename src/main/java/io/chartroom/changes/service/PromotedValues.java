package io.chartroom.changes.service;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Values a promotion carries from one environment to the next: each path's value as the first environment has it
 * (its own layer over the base) written into the next environment's layer.
 *
 * @param yaml the next environment's layer with the promoted values
 */
record PromotedValues(String yaml) {

    static PromotedValues copy(ReleaseDescription release, String from, String to, List<String> paths) {
        Map<String, Object> base = ValuesYaml.parse(release.baseValues(), "base");
        Map<String, Object> source = ValuesTree.layer(base, ValuesYaml.parse(release.valuesFor(from), from));
        Map<String, Object> target = ValuesTree.copy(ValuesYaml.parse(release.valuesFor(to), to));
        List<InvalidInputException.Problem> missing = new ArrayList<>();
        for (String text : paths) {
            List<Object> path = path(text);
            if (!ValuesTree.has(source, path)) {
                missing.add(new InvalidInputException.Problem("valuesPaths", from + " sets no value at " + text));
                continue;
            }
            ValuesTree.set(target, path, ValuesTree.deepCopy(ValuesTree.get(source, path)));
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing);
        }
        return new PromotedValues(target.isEmpty() ? "" : ValuesYaml.dump(target));
    }

    /** A values path as users write it: keys separated by dots ({@code resources.limits.cpu}). */
    static List<Object> path(String text) {
        if (text == null || text.isBlank() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            throw InvalidInputException.of("valuesPaths", "'" + text + "' is not a values path such as resources.limits.cpu");
        }
        return new ArrayList<>(List.of((Object[]) text.split("\\.")));
    }
}
