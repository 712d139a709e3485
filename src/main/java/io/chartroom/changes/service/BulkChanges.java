package io.chartroom.changes.service;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.event.Audited;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.service.UpgradeCheck;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Several releases of one chart upgraded or promoted together, as one change request (e.g. every release of
 * web-service in dev to 1.3.0): one commit, a review with each release's environments in sections of their own, the
 * approval policies of every environment that changes. Releases that already are where the change would put them
 * are left out. One team's releases per change request, so that "the owning team" still means one team.
 */
@Service
public class BulkChanges {

    private final GitOpsRepository gitops;
    private final ReleaseDraftService drafts;
    private final UpgradeCheck upgradeCheck;
    private final ReleaseChangeRequests releaseChanges;
    private final ChangeRequestOpening opening;
    private final RefTransactions refs;
    private final CurrentUser currentUser;

    BulkChanges(GitOpsRepository gitops, ReleaseDraftService drafts, UpgradeCheck upgradeCheck, ReleaseChangeRequests releaseChanges,
                ChangeRequestOpening opening, RefTransactions refs, CurrentUser currentUser) {
        this.gitops = gitops;
        this.drafts = drafts;
        this.upgradeCheck = upgradeCheck;
        this.releaseChanges = releaseChanges;
        this.opening = opening;
        this.refs = refs;
        this.currentUser = currentUser;
    }

    /** Which releases: those of one chart, named ({@code releases}) or all of them, of one {@code team} (or the only one). */
    public record Selection(String repository, String chart, @Nullable String team, List<String> releases) {
        public Selection {
            releases = releases == null ? List.of() : List.copyOf(releases);
        }
    }

    /** Moves {@code environment} (null: the base) of every selected release to {@code version}. */
    @Audited(value = "change_request.opened", targetType = "chart", target = -1)
    public ChangeRequest upgrade(Selection selection, @Nullable String environment, String version, Proposal proposal) {
        String title = selection.chart() + ": " + (environment == null ? "upgrade" : environment + " upgrade") + " of {count} releases to " + version;
        return open(selection, release -> {
            if (environment != null && (!release.environments().contains(environment) || release.versionFor(environment).equals(version))) {
                return release; // does not run there, or runs that version already: nothing to change for this one
            }
            return VersionMoves.upgraded(release, environment, version);
        }, proposal, title);
    }

    /** Gives {@code to} of every selected release the version {@code from} runs. */
    @Audited(value = "change_request.opened", targetType = "chart", target = -1)
    public ChangeRequest promote(Selection selection, String from, String to, boolean skipEnvironments, Proposal proposal) {
        UserIdentity user = currentUser.require(Role.DEVELOPER);
        String title = selection.chart() + ": promote " + from + " -> " + to + " of {count} releases";
        return open(selection, release -> !release.environments().contains(from) || !release.environments().contains(to) ? release
                : VersionMoves.promoted(release, from, to, List.of(), () -> ReleasePromotions.mayPass(user, release, from, to, skipEnvironments)),
                proposal, title);
    }

    private ChangeRequest open(Selection selection, UnaryOperator<ReleaseDescription> move, Proposal proposal, String title) {
        currentUser.require(Role.DEVELOPER);
        List<ReleaseDescription> chosen = chosen(selection);
        String team = chosen.getFirst().team();
        UserIdentity user = currentUser.requireTeam(Role.DEVELOPER, team);
        refs.requireWritableForChangeRequests();
        String main = gitops.main();
        Map<String, String> changes = new TreeMap<>();
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        int moved = 0;
        for (ReleaseDescription before : chosen) {
            ReleaseDescription after;
            try {
                after = move.apply(before);
            } catch (InvalidInputException refused) {
                refused.problems().forEach(p -> problems.add(new InvalidInputException.Problem(before.name() + ":" + p.location(), p.message())));
                continue;
            }
            if (after.equals(before)) {
                continue;
            }
            upgradeCheck.check(before, after).stream().filter(UpgradeCheck.Finding::blocking).forEach(f -> problems.add(
                    new InvalidInputException.Problem(before.name() + ":" + f.environment() + (f.location().isEmpty() ? "" : ":" + f.location()),
                            f.message())));
            try {
                changes.putAll(releaseChanges.releaseChanges(main, drafts.describe(drafts.draftOf(after), before.name())));
                moved++;
            } catch (InvalidInputException invalid) {
                invalid.problems().forEach(p -> problems.add(new InvalidInputException.Problem(before.name() + ":" + p.location(), p.message())));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (moved == 0) {
            throw InvalidInputException.of("releases", "nothing changes: every selected release of " + selection.chart() + " is there already");
        }
        String generated = title.replace("{count}", String.valueOf(moved));
        String commitTitle = proposal.title() == null || proposal.title().isBlank() ? generated : proposal.title().strip();
        String commit = gitops.commit(main, changes, ReleaseChangeRequests.author(user),
                ChangeRequestOpening.orGenerated(proposal.message(), commitTitle));
        return opening.open(ChangeKind.BULK, null, team, commitTitle, ChangeRequestOpening.orGenerated(proposal.description(), ""), main, commit,
                null, user);
    }

    /** The selected releases on main; refused when none, when a name is unknown or of another chart, or when teams differ. */
    private List<ReleaseDescription> chosen(Selection selection) {
        String main = gitops.main();
        List<ReleaseDescription> ofChart = new ArrayList<>();
        for (String name : gitops.releaseNames(main)) {
            gitops.release(main, name).filter(r -> r.chart().repository().equals(selection.repository())
                    && r.chart().chart().equals(selection.chart())).ifPresent(ofChart::add);
        }
        List<String> known = ofChart.stream().map(ReleaseDescription::name).toList();
        List<String> unknown = selection.releases().stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw InvalidInputException.of("releases", String.join(", ", unknown) + (unknown.size() == 1 ? " is not a release" : " are not releases")
                    + " of " + selection.repository() + "/" + selection.chart());
        }
        List<ReleaseDescription> chosen = ofChart.stream()
                .filter(r -> selection.releases().isEmpty() || selection.releases().contains(r.name()))
                .filter(r -> selection.team() == null || selection.team().isBlank() || r.team().equals(selection.team())).toList();
        if (chosen.isEmpty()) {
            throw InvalidInputException.of("releases", "no release of " + selection.repository() + "/" + selection.chart()
                    + (selection.team() == null || selection.team().isBlank() ? "" : " belongs to team " + selection.team()));
        }
        TreeSet<String> teams = new TreeSet<>(chosen.stream().map(ReleaseDescription::team).toList());
        if (teams.size() > 1) {
            throw InvalidInputException.of("team", "the releases belong to teams " + String.join(", ", teams)
                    + ": open one change request per team (name the team)");
        }
        return chosen;
    }
}
