package io.chartroom.adoption.helmfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The problems of one reading, each once (a template that fails fails in every environment), in the order found. */
final class Problems {

    private final Set<HelmfileProblem> found = new LinkedHashSet<>();

    void add(String file, int line, HelmfileProblem.Kind kind, String message) {
        found.add(new HelmfileProblem(file, line, kind, message));
    }

    List<HelmfileProblem> list() {
        return new ArrayList<>(found);
    }
}
