package io.chartroom.changes.service;

import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.service.UpgradeCheck;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Moving a release to another chart version: an <b>upgrade</b> sets the version of one environment (to try it there
 * first) or of the base, a <b>promotion</b> copies an environment's version, and chosen values, into the next
 * environment. Each opens a change request like any other (the same checks, diffs and approval policies), after
 * {@link UpgradeCheck} found nothing that blocks. The owning team's developers and ADMINs may; only an ADMIN may
 * promote past an environment.
 */
@Service
public class ReleasePromotions {

    /**
     * What an upgrade would change, before it is proposed: what blocks or is worth knowing, the chart defaults'
     * changes, and per environment that moves, the merged values and rendered objects before and after.
     */
    public record Preview(ReleaseDescription before, ReleaseDescription after, List<UpgradeCheck.Finding> findings,
                          List<UpgradeCheck.DefaultsChange> defaults, List<ChangeReview.EnvironmentChange> environments) {
        public boolean blocked() {
            return findings.stream().anyMatch(UpgradeCheck.Finding::blocking);
        }
    }

    private final CatalogService catalog;
    private final GitOpsRepository gitops;
    private final ReleaseDraftService drafts;
    private final UpgradeCheck upgradeCheck;
    private final ReleaseReviewer reviewer;
    private final ReleaseChangeRequests changeRequests;
    private final CurrentUser currentUser;

    ReleasePromotions(CatalogService catalog, GitOpsRepository gitops, ReleaseDraftService drafts, UpgradeCheck upgradeCheck,
                      ReleaseReviewer reviewer, ReleaseChangeRequests changeRequests, CurrentUser currentUser) {
        this.reviewer = reviewer;
        this.catalog = catalog;
        this.gitops = gitops;
        this.drafts = drafts;
        this.upgradeCheck = upgradeCheck;
        this.changeRequests = changeRequests;
        this.currentUser = currentUser;
    }

    /** A release on main (VIEWER). */
    public ReleaseDescription release(String name) {
        currentUser.require(Role.VIEWER);
        return onMain(name);
    }

    /** The versions of a release's chart in the catalog, newest first (the catalog's SemVer order). */
    public List<ChartVersion> availableVersions(ReleaseDescription release) {
        currentUser.require(Role.VIEWER);
        return catalog.versions(catalog.chart(release.chart().repository(), release.chart().chart()));
    }

    /** What moving {@code environment} (null: the base, for every environment without a version of its own) to {@code version} finds. */
    public Preview previewUpgrade(String releaseName, @Nullable String environment, String version) {
        currentUser.require(Role.VIEWER);
        ReleaseDescription before = onMain(releaseName);
        ReleaseDescription after = VersionMoves.upgraded(before, environment, version);
        List<UpgradeCheck.Finding> findings = new ArrayList<>(upgradeCheck.check(before, after));
        findings.addAll(draftProblems(after, UpgradeCheck.moved(before, after)));
        return new Preview(before, after, findings, upgradeCheck.defaultsChanges(before, after),
                reviewer.compare(Optional.of(before), Optional.of(after), UpgradeCheck.moved(before, after), null));
    }

    /**
     * What the change request's own check would refuse in the environments that move: values the new version's
     * schema rejects, required values it adds. Only for those who may propose (the check is a DEVELOPER's).
     */
    private List<UpgradeCheck.Finding> draftProblems(ReleaseDescription after, List<String> moved) {
        if (!currentUser.find().map(u -> u.hasRole(Role.DEVELOPER)).orElse(false)) {
            return List.of();
        }
        ReleaseDraft draft;
        try {
            draft = drafts.draftOf(after);
        } catch (NotFoundException gone) {
            return List.of(); // a version not in the catalog: the upgrade check says so
        }
        return drafts.check(draft, after.name()).errors().stream().filter(p -> moved.contains(p.layer()) || p.layer().equals("base"))
                .map(p -> new UpgradeCheck.Finding(p.layer(), p.location() == null ? "" : p.location(), p.message(), true)).toList();
    }

    /** Opens the change request of an upgrade; refused while the check finds something that blocks. */
    public ChangeRequest upgrade(String releaseName, @Nullable String environment, String version, Proposal proposal) {
        ReleaseDescription before = owned(releaseName);
        ReleaseDescription after = VersionMoves.upgraded(before, environment, version);
        String title = releaseName + ": " + (environment == null ? "upgrade" : environment + " upgrade") + " to "
                + before.chart().chart() + " " + version;
        return propose(before, after, proposal, title);
    }

    /**
     * Opens the change request of a promotion: {@code to} gets {@code from}'s chart version and the values at
     * {@code valuesPaths} (dot-separated keys) as {@code from} has them. {@code to} must be the environment after
     * {@code from} among those the release runs in, unless an ADMIN says {@code skipEnvironments}.
     */
    public ChangeRequest promote(String releaseName, String from, String to, List<String> valuesPaths, boolean skipEnvironments,
                                 Proposal proposal) {
        UserIdentity user = currentUser.require(Role.DEVELOPER);
        ReleaseDescription before = owned(releaseName);
        ReleaseDescription after = VersionMoves.promoted(before, from, to, valuesPaths, () -> mayPass(user, before, from, to, skipEnvironments));
        String title = releaseName + ": promote " + from + " -> " + to + " (" + before.chart().chart() + " " + before.versionFor(from) + ")";
        return propose(before, after, proposal, title);
    }

    /** Skipping environments on the way: only an ADMIN, and only when asked to. */
    static void mayPass(UserIdentity user, ReleaseDescription release, String from, String to, boolean skipEnvironments) {
        List<String> passed = VersionMoves.passed(release, from, to);
        if (!skipEnvironments) {
            throw InvalidInputException.of("to", from + " promotes to " + passed.getFirst() + " first (" + String.join(" -> ", release.environments())
                    + "); skipping " + String.join(", ", passed) + " takes an ADMIN");
        }
        if (!user.hasRole(Role.ADMIN)) {
            throw new AccessDeniedException("only an ADMIN may promote past " + String.join(", ", passed));
        }
    }

    private ChangeRequest propose(ReleaseDescription before, ReleaseDescription after, Proposal proposal, String title) {
        List<UpgradeCheck.Finding> findings = upgradeCheck.check(before, after);
        List<InvalidInputException.Problem> blocking = findings.stream().filter(UpgradeCheck.Finding::blocking)
                .map(f -> new InvalidInputException.Problem(f.environment() + (f.location().isEmpty() ? "" : ":" + f.location()), f.message()))
                .toList();
        if (!blocking.isEmpty()) {
            throw new InvalidInputException(blocking);
        }
        Proposal titled = new Proposal(proposal.title() == null || proposal.title().isBlank() ? title : proposal.title(),
                proposal.description(), proposal.message());
        return changeRequests.create(drafts.draftOf(after), before.name(), titled);
    }

    private ReleaseDescription onMain(String name) {
        return gitops.release(gitops.main(), name).orElseThrow(() -> new NotFoundException("release " + name + " does not exist"));
    }

    private ReleaseDescription owned(String name) {
        currentUser.require(Role.DEVELOPER);
        ReleaseDescription release = onMain(name);
        currentUser.requireTeam(Role.DEVELOPER, release.team());
        if (release.environments().isEmpty()) {
            throw new ConflictException(name + " runs in no environment");
        }
        return release;
    }
}
