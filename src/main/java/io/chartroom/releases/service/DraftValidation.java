package io.chartroom.releases.service;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * A draft checked as its change request would be (POST /api/v1/releases/validate), so that a draft that
 * validates does not fail its review: the draft check (names, team, environments, values, schema, the chart's
 * dependencies), the release's files in Chartroom's layout (written and read back), render and lint in every
 * environment and Kubernetes version, and the Secret keys the chart generates. What did not run is listed with
 * why. Only DEVELOPERs (and up) of the owning team may validate, as for the draft check (which runs first).
 */
@Service
public class DraftValidation {

    /**
     * @param check   the draft check, with each environment's effective values and clusters
     * @param checks  the checks that ran
     * @param skipped those that did not, and why
     */
    public record Result(DraftCheck check, List<DraftCheck.Problem> errors, List<DraftCheck.Problem> warnings, List<String> checks,
                         List<String> skipped) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final ReleaseDraftService drafts;
    private final ReleaseRenderer renderer;

    public DraftValidation(ReleaseDraftService drafts, ReleaseRenderer renderer) {
        this.drafts = drafts;
        this.renderer = renderer;
    }

    public Result validate(ReleaseDraft draft, String editing) {
        DraftCheck check = drafts.check(draft, editing);
        List<DraftCheck.Problem> errors = new ArrayList<>(check.errors());
        List<DraftCheck.Problem> warnings = new ArrayList<>(check.warnings());
        List<String> ran = new ArrayList<>(List.of("names", "team", "environments", "values", "schema", "dependencies"));
        List<String> skipped = new ArrayList<>();
        if (!check.ok()) {
            skipped.add("layout, render, lint and generated secrets: they run once the errors above are fixed");
            return new Result(check, errors, warnings, ran, skipped);
        }
        ReleaseDescription release = null;
        try {
            release = drafts.describe(draft, editing);
            RepositoryLayout.releaseFiles(release); // written and read back, as the change request's commit would be
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> errors.add(DraftCheck.Problem.error("layout", p.location(), p.message())));
        }
        ran.add("layout");
        // render and lint in every environment and Kubernetes version, as the review runs them
        List<RenderedTarget> targets = drafts.preview(draft, draft.environments());
        RenderVerdict verdict = RenderVerdict.of(targets);
        verdict.renderErrors().forEach(e -> errors.add(DraftCheck.Problem.error("render", null, e)));
        verdict.lintErrors().forEach(e -> errors.add(DraftCheck.Problem.error("lint", null, e)));
        verdict.lintNotes().forEach(n -> warnings.add(DraftCheck.Problem.warning("lint", null, n)));
        ran.addAll(List.of("render", "lint"));
        if (verdict.notLinted() > 0) {
            skipped.add(verdict.lintSummary());
        }
        if (release == null) {
            skipped.add("generated secrets: the release's files do not read back (see layout)");
        } else {
            warnings.addAll(generatedSecrets(release, targets));
            ran.add("generated secrets");
        }
        return new Result(check, errors, warnings, ran, skipped);
    }

    /** Secret keys the chart makes anew on every render (kept with `lookup` by Helm; found here by rendering twice). */
    private List<DraftCheck.Problem> generatedSecrets(ReleaseDescription release, List<RenderedTarget> targets) {
        List<DraftCheck.Problem> found = new ArrayList<>();
        for (RenderedTarget t : targets) {
            if (!t.ok() || t.objects().stream().noneMatch(o -> "Secret".equals(o.kind()))) {
                continue;
            }
            Map<String, Set<String>> generated = renderer.generatedSecretKeys(release, t.environment(), t.kubeVersion());
            generated.forEach((secret, keys) -> found.add(DraftCheck.Problem.warning("generated secrets", t.environment(), "Secret " + secret
                    + " (" + String.join(", ", new TreeSet<>(keys)) + ") is made anew on every render: the chart generates it. "
                    + "A cluster keeps the value it has; rotate it on purpose with Sync now, rotate generated secrets")));
        }
        return found.stream().distinct().toList();
    }
}
