package io.chartroom.adoption.helmfile;

import java.util.ArrayList;
import java.util.List;

/**
 * A helmfile's parts, as helmfile splits a file before templating it: at each line that is only {@code ---}, so that
 * a part is templated with what the parts before it defined. Each part keeps the line it starts at in the file.
 */
final class HelmfileParts {

    record Part(int firstLine, String text) {}

    private HelmfileParts() {
    }

    static List<Part> split(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int first = 1;
        int line = 0;
        for (String each : text.split("\n", -1)) {
            line++;
            if (each.strip().equals("---")) {
                parts.add(new Part(first, current.toString()));
                current.setLength(0);
                first = line + 1;
            } else {
                current.append(each).append('\n');
            }
        }
        parts.add(new Part(first, current.toString()));
        return parts.stream().filter(p -> !p.text().isBlank()).toList();
    }
}
