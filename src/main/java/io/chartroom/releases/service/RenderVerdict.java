package io.chartroom.releases.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the render and lint of every (environment, Kubernetes version) say, the same for the draft check of the
 * editor and the API and for a change request's review: targets that do not render, lint errors and lint notes.
 * Lint is judged only where the chart renders; where it does not, lint did not run and is not said to pass.
 */
public record RenderVerdict(List<String> renderErrors, List<String> lintErrors, List<String> lintNotes, int notLinted) {

    public static RenderVerdict of(List<RenderedTarget> targets) {
        List<String> render = new ArrayList<>();
        List<String> lintErrors = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        int notLinted = 0;
        for (RenderedTarget t : targets) {
            String where = t.environment() + (t.kubeVersion() == null ? "" : " (Kubernetes " + t.kubeVersion() + ")");
            if (!t.ok()) {
                render.add(where + ": " + t.error());
                notLinted++;
            } else if (!t.lintOk()) {
                // what made lint fail are its errors; its warnings stay notes, its [INFO] advice (an icon) is no error
                List<String> errors = t.lintMessages().stream().filter(m -> m.startsWith("[ERROR]")).toList();
                if (errors.isEmpty()) {
                    errors = t.lintMessages().stream().filter(m -> !m.startsWith("[INFO]") && !m.startsWith("[WARNING]")).toList();
                }
                (errors.isEmpty() ? List.of("helm lint failed without saying why") : errors).forEach(m -> lintErrors.add(t.environment() + ": " + m));
                t.lintMessages().stream().filter(m -> m.startsWith("[WARNING]")).forEach(m -> notes.add(t.environment() + ": " + m));
            } else {
                t.lintMessages().stream().filter(m -> !m.startsWith("[INFO]")).forEach(m -> notes.add(t.environment() + ": " + m));
            }
        }
        return new RenderVerdict(List.copyOf(render), List.copyOf(lintErrors), List.copyOf(notes), notLinted);
    }

    public boolean renders() {
        return renderErrors.isEmpty();
    }

    /** How the lint check reads: failed, not run where the chart does not render, with warnings, or passed. */
    public String lintSummary() {
        if (!lintErrors.isEmpty()) {
            return "helm lint fails";
        }
        if (notLinted > 0) {
            return "helm lint did not run for " + notLinted + " target(s) that do not render";
        }
        return lintNotes.isEmpty() ? "helm lint passes" : "helm lint has warnings";
    }
}
