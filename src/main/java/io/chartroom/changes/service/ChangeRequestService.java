package io.chartroom.changes.service;

import io.chartroom.base.event.Audited;
import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.service.ReadmeRenderer;
import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.domain.Approval;
import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.domain.ApprovalPolicyRepository;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestQuery;
import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.changes.domain.ChangeRequestState;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.CommitAuthor;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.service.ReleaseSubmissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Change requests: opening one for a release change (a branch with one commit, and its review), new commits,
 * updating from main, approving, commenting, closing, reopening and reverting. Every method checks the
 * caller; every state change is audited and told to open views. Merging is {@link MergeService}'s.
 */
@Service
public class ChangeRequestService implements ReleaseSubmissions {

    /** A change request with everything its page shows. */
    public record Details(ChangeRequest changeRequest, ChangeReview review, PolicyStatus policy, List<Approval> approvals,
                          List<Activity> activities, Mergeability mergeability, Permissions permissions, Long revertedBy) {}

    /** Whether the head merges into main as it is now. */
    public record Mergeability(boolean upToDate, boolean clean, List<String> conflicts) {}

    /** What the caller may do with it now (the methods check again). */
    public record Permissions(boolean approve, boolean merge, boolean override, boolean edit, boolean close, boolean reopen,
                              boolean revert, boolean comment) {}

    private final ChangeRequestRepository changeRequests;
    private final ApprovalPolicyRepository policies;
    private final GitOpsRepository gitops;
    private final ReleaseDraftService drafts;
    private final ReleaseReviewer reviewer;
    private final RefTransactions refs;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final ChangeRequestUpdates updates;
    private final ReadmeRenderer markdown;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<String, Mergeability> mergeabilityCache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Mergeability> eldest) {
            return size() > 256;
        }
    });

    public ChangeRequestService(ChangeRequestRepository changeRequests, ApprovalPolicyRepository policies, GitOpsRepository gitops,
                                ReleaseDraftService drafts, ReleaseReviewer reviewer, RefTransactions refs, CurrentUser currentUser,
                                ApplicationEventPublisher events, ChangeRequestUpdates updates, ReadmeRenderer markdown,
                                TransactionTemplate tx, Clock clock) {
        this.changeRequests = changeRequests;
        this.policies = policies;
        this.gitops = gitops;
        this.drafts = drafts;
        this.reviewer = reviewer;
        this.refs = refs;
        this.currentUser = currentUser;
        this.events = events;
        this.updates = updates;
        this.markdown = markdown;
        this.tx = tx;
        this.clock = clock;
    }

    // ---- opening --------------------------------------------------------------------------------------

    /**
     * Opens a change request for a valid draft: {@code editing} names the release on main it changes (null for a
     * new release). The branch, its commit and the change request are made together or not at all.
     */
    @Audited(value = "change_request.opened", targetType = "release")
    public ChangeRequest create(ReleaseDraft draft, String editing, Proposal proposal) {
        requireTeamNamed(draft);
        UserIdentity user = currentUser.requireTeam(Role.DEVELOPER, draft.team());
        refs.requireWritableForChangeRequests();
        ReleaseDescription release = drafts.describe(draft, editing);
        String main = gitops.main();
        Optional<ReleaseDescription> current = gitops.release(main, release.name());
        if (editing == null && current.isPresent()) {
            throw new ConflictException("a release named " + release.name() + " already exists");
        }
        if (editing != null) {
            ReleaseDescription existing = current.orElseThrow(() -> new NotFoundException("release " + editing + " does not exist"));
            currentUser.requireTeam(Role.DEVELOPER, existing.team());
        }
        ChangeKind kind = editing == null ? ChangeKind.CREATE : ChangeKind.UPDATE;
        Map<String, String> changes = releaseChanges(main, release);
        if (changes.isEmpty()) {
            throw InvalidInputException.of("release", "nothing changes: main already holds the release like this");
        }
        String title = orGenerated(proposal.title(), kind.verb() + " " + release.name() + " (" + release.chart().chart() + " "
                + release.chart().version() + ")");
        String commit = gitops.commit(main, changes, author(user), orGenerated(proposal.message(), title));
        return open(kind, release.name(), release.team(), title, orGenerated(proposal.description(), ""), main, commit, null, user);
    }

    /** Opens a change request that removes a release from every environment (the reconciler then prunes it). */
    @Audited(value = "change_request.opened", targetType = "release")
    public ChangeRequest proposeRemoval(String releaseName, Proposal proposal) {
        UserIdentity user = currentUser.require(Role.DEVELOPER);
        refs.requireWritableForChangeRequests();
        String main = gitops.main();
        ReleaseDescription existing = gitops.release(main, releaseName)
                .orElseThrow(() -> new NotFoundException("release " + releaseName + " does not exist"));
        currentUser.requireTeam(Role.DEVELOPER, existing.team());
        Map<String, String> changes = new TreeMap<>();
        gitops.readTree(main, RepositoryLayout.releaseDirectory(releaseName)).keySet().forEach(path -> changes.put(path, null));
        String title = orGenerated(proposal.title(), "Remove " + releaseName);
        String commit = gitops.commit(main, changes, author(user), orGenerated(proposal.message(), title));
        return open(ChangeKind.DELETE, releaseName, existing.team(), title, orGenerated(proposal.description(), ""), main, commit, null, user);
    }

    /** The files to write for the release on top of {@code commit}: its files, and deletions of files it no longer has. */
    private Map<String, String> releaseChanges(String commit, ReleaseDescription release) {
        Map<String, String> wanted = RepositoryLayout.releaseFiles(release);
        Map<String, String> present = gitops.readTree(commit, RepositoryLayout.releaseDirectory(release.name()));
        Map<String, String> changes = new TreeMap<>();
        wanted.forEach((path, text) -> {
            if (!text.equals(present.get(path))) {
                changes.put(path, text);
            }
        });
        present.keySet().stream().filter(path -> !wanted.containsKey(path)).forEach(path -> changes.put(path, null));
        if (!changes.isEmpty() && gitops.read(commit, RepositoryLayout.HELMFILE).isEmpty()) {
            // the first release of a repository without Chartroom's layout yet (a README only): the layout comes with it
            changes.put(RepositoryLayout.HELMFILE, RepositoryLayout.rootHelmfile());
            if (gitops.read(commit, RepositoryLayout.ENVIRONMENTS).isEmpty()) {
                changes.put(RepositoryLayout.ENVIRONMENTS, EnvironmentsLayout.write(List.of()));
            }
        }
        return changes;
    }

    private ChangeRequest open(ChangeKind kind, String release, String team, String title, String description, String base,
                               String head, Long revertsId, UserIdentity user) {
        ChangeReview review = reviewer.review(release, base, head);
        List<String> environments = policyEnvironments(review);
        ChangeRequest created;
        try {
            created = tx.execute(status -> {
                ChangeRequest cr = changeRequests.insert(title, description, kind, release, team, user.username(), base, head,
                        environments, review, revertsId, clock.instant());
                refs.create(cr.ref(), head);
                changeRequests.addActivity(cr.id(), Activity.Kind.OPENED, user.username(), description, clock.instant());
                events.publishEvent(new ChangeRequestEvent("opened", cr, user.username(), Map.of("kind", kind.name(), "branch", cr.branch())));
                return cr;
            });
        } catch (DuplicateKeyException e) {
            throw new ConflictException(changeRequests.openCreation(release).map(id -> "change request #" + id).orElse("another change request")
                    + " already proposes a release named " + release);
        }
        updates.changed(created.id());
        return created;
    }

    /** The environments whose policies apply: the changed ones, or all of the release's when none changes. */
    private static List<String> policyEnvironments(ChangeReview review) {
        List<String> changed = review.changedEnvironments();
        return changed.isEmpty() ? review.environments().stream().map(ChangeReview.EnvironmentChange::environment).toList() : changed;
    }

    // ---- new commits ----------------------------------------------------------------------------------

    /** A new commit with the draft on an open change request; approvals are dismissed. */
    @Audited(value = "change_request.committed", targetType = "change_request")
    public ChangeRequest amend(long id, ReleaseDraft draft, String title, String description, String message) {
        ChangeRequest cr = openOne(id);
        UserIdentity user = currentUser.requireTeam(Role.DEVELOPER, cr.team());
        requireTeamNamed(draft);
        currentUser.requireTeam(Role.DEVELOPER, draft.team());
        new Proposal(title, description, message); // the same limits as when opening
        if (cr.kind() == ChangeKind.DELETE) {
            throw new ConflictException("change request #" + id + " removes " + cr.release() + "; close it and open a new one instead");
        }
        if (!draft.name().equals(cr.release())) {
            throw InvalidInputException.of("name", "change request #" + id + " changes " + cr.release() + ", not " + draft.name());
        }
        ReleaseDescription release = drafts.describe(draft, cr.release());
        Map<String, String> changes = releaseChanges(cr.headCommit(), release);
        if (changes.isEmpty()) {
            throw InvalidInputException.of("release", "nothing changes: the change request already proposes this");
        }
        String commit = gitops.commit(cr.headCommit(), changes, author(user), orGenerated(message, "Change " + cr.release()));
        return newHead(cr, cr.baseCommit(), commit, orGenerated(title, cr.title()), description == null ? cr.description() : description,
                user, "committed", "new commit " + commit.substring(0, 8));
    }

    /**
     * Re-applies the change request's edit on top of main as it is now: the release files the change request
     * changed take its version, everything else main's. Approvals are dismissed.
     */
    @Audited(value = "change_request.updated_from_main", targetType = "change_request")
    public ChangeRequest updateFromMain(long id) {
        ChangeRequest cr = openOne(id);
        UserIdentity user = currentUser.requireTeam(Role.DEVELOPER, cr.team());
        String main = gitops.main();
        if (main.equals(cr.baseCommit())) {
            return cr;
        }
        Map<String, String> edit = gitops.changes(cr.baseCommit(), cr.headCommit(), RepositoryLayout.releaseDirectory(cr.release()));
        String commit = gitops.commit(main, edit, author(user), "Update from main: " + cr.title());
        return newHead(cr, main, commit, cr.title(), cr.description(), user, "updated", "updated from main " + main.substring(0, 8));
    }

    private ChangeRequest newHead(ChangeRequest cr, String base, String head, String title, String description, UserIdentity user,
                                  String action, String reason) {
        ChangeReview review = reviewer.review(cr.release(), base, head);
        ChangeRequest updated = tx.execute(status -> {
            if (!changeRequests.updateHead(cr, base, head, user.username(), policyEnvironments(review), review, title, description,
                    clock.instant())) {
                throw new ConflictException("change request #" + cr.id() + " changed meanwhile; reload it and try again");
            }
            refs.move(cr.ref(), cr.headCommit(), head);
            List<String> dismissed = changeRequests.dismissApprovals(cr.id(), reason, clock.instant());
            changeRequests.addActivity(cr.id(), Activity.Kind.COMMITTED, user.username(), reason, clock.instant());
            if (!dismissed.isEmpty()) {
                changeRequests.addActivity(cr.id(), Activity.Kind.DISMISSED, user.username(),
                        "approvals of " + String.join(", ", dismissed) + " dismissed: " + reason, clock.instant());
            }
            ChangeRequest now = changeRequests.find(cr.id()).orElseThrow();
            events.publishEvent(new ChangeRequestEvent(action, now, user.username(),
                    Map.of("previousHead", cr.headCommit(), "dismissedApprovals", dismissed)));
            return now;
        });
        updates.changed(cr.id());
        return updated;
    }

    // ---- review ---------------------------------------------------------------------------------------

    /** Approves the head commit. The author cannot; the approver must qualify under a changed environment's policy. */
    @Audited(value = "change_request.approved", targetType = "change_request")
    public void approve(long id) {
        UserIdentity user = currentUser.require(Role.APPROVER);
        ChangeRequest cr = openOne(id);
        if (cr.authoredBy(user.username())) {
            throw new org.springframework.security.access.AccessDeniedException(user.username().equals(cr.author())
                    ? "the author of a change request cannot approve it"
                    : user.username() + " authored a commit on change request #" + id + " and so cannot approve it");
        }
        Map<String, ApprovalPolicy> byEnvironment = policiesByEnvironment();
        List<String> qualifying = cr.environments().stream()
                .filter(env -> ApprovalRules.qualifies(byEnvironment.getOrDefault(env, ApprovalPolicy.defaultFor(env)), cr,
                        user.username(), user.roles(), user.teams()))
                .toList();
        if (qualifying.isEmpty() && !cr.environments().isEmpty()) {
            throw new org.springframework.security.access.AccessDeniedException(user.username() + " may not approve changes to "
                    + String.join(", ", cr.environments()) + ": " + cr.environments().stream()
                    .map(env -> env + " needs " + byEnvironment.getOrDefault(env, ApprovalPolicy.defaultFor(env)).describe())
                    .reduce((a, b) -> a + "; " + b).orElse(""));
        }
        tx.executeWithoutResult(status -> {
            changeRequests.approve(id, user.username(), user.roles(), user.teams(), cr.headCommit(), clock.instant());
            changeRequests.addActivity(id, Activity.Kind.APPROVED, user.username(), "approved " + cr.headCommit().substring(0, 8)
                    + (qualifying.isEmpty() ? "" : " (counts for " + String.join(", ", qualifying) + ")"), clock.instant());
            events.publishEvent(new ChangeRequestEvent("approved", cr, user.username(), Map.of("countsFor", qualifying)));
        });
        updates.changed(id);
    }

    @Audited(value = "change_request.commented", targetType = "change_request")
    public void comment(long id, String text) {
        UserIdentity user = currentUser.require(Role.DEVELOPER);
        ChangeRequest cr = find(id);
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("comment", "write something first");
        }
        if (text.length() > 20_000) {
            throw InvalidInputException.of("comment", "a comment holds at most 20,000 characters");
        }
        tx.executeWithoutResult(status -> {
            changeRequests.addActivity(id, Activity.Kind.COMMENTED, user.username(), text.strip(), clock.instant());
            events.publishEvent(new ChangeRequestEvent("commented", cr, user.username(), Map.of()));
        });
        updates.changed(id);
    }

    /** A comment's Markdown as safe HTML. */
    public String commentHtml(Activity activity) {
        return markdown.toSafeHtml(activity.body());
    }

    @Audited(value = "change_request.closed", targetType = "change_request")
    public void close(long id) {
        ChangeRequest cr = openOne(id);
        UserIdentity user = mayManage(cr);
        tx.executeWithoutResult(status -> {
            changeRequests.markClosed(id, user.username(), clock.instant());
            changeRequests.addActivity(id, Activity.Kind.CLOSED, user.username(), "", clock.instant());
            events.publishEvent(new ChangeRequestEvent("closed", cr, user.username(), Map.of()));
        });
        updates.changed(id);
    }

    @Audited(value = "change_request.reopened", targetType = "change_request")
    public void reopen(long id) {
        ChangeRequest cr = find(id);
        if (cr.state() != ChangeRequestState.CLOSED) {
            throw new ConflictException("change request #" + id + " is " + cr.state().name().toLowerCase() + ", not closed");
        }
        UserIdentity user = mayManage(cr);
        try {
            tx.executeWithoutResult(status -> {
                changeRequests.markReopened(id, clock.instant());
                changeRequests.addActivity(id, Activity.Kind.REOPENED, user.username(), "", clock.instant());
                events.publishEvent(new ChangeRequestEvent("reopened", cr, user.username(), Map.of()));
            });
        } catch (DuplicateKeyException e) {
            throw new ConflictException("another open change request already proposes a release named " + cr.release());
        }
        updates.changed(id);
    }

    /** Opens a change request that restores the release as it was before this one merged: the rollback. */
    @Audited(value = "change_request.revert_opened", targetType = "change_request")
    public ChangeRequest revert(long id) {
        ChangeRequest merged = find(id);
        if (merged.state() != ChangeRequestState.MERGED) {
            throw new ConflictException("only a merged change request can be reverted; #" + id + " is " + merged.state().name().toLowerCase());
        }
        UserIdentity user = currentUser.requireTeam(Role.DEVELOPER, merged.team());
        String before = gitops.history(merged.mergeCommit(), 2).stream().skip(1).findFirst()
                .orElseThrow(() -> new ConflictException("the merge commit of #" + id + " has no parent")).id();
        String main = gitops.main();
        String directory = RepositoryLayout.releaseDirectory(merged.release());
        Map<String, String> restored = gitops.readTree(before, directory);
        Map<String, String> now = gitops.readTree(main, directory);
        Map<String, String> changes = new TreeMap<>();
        restored.forEach((path, text) -> {
            if (!text.equals(now.get(path))) {
                changes.put(path, text);
            }
        });
        now.keySet().stream().filter(path -> !restored.containsKey(path)).forEach(path -> changes.put(path, null));
        if (changes.isEmpty()) {
            throw new ConflictException("nothing to revert: " + merged.release() + " on main is already as it was before #" + id);
        }
        ChangeKind kind = restored.isEmpty() ? ChangeKind.DELETE : now.isEmpty() ? ChangeKind.CREATE : ChangeKind.UPDATE;
        String title = "Revert \"" + merged.title() + "\"";
        String commit = gitops.commit(main, changes, author(user), title + "\n\nRestores " + merged.release() + " as it was before change request #" + id + ".");
        ChangeRequest revert = open(kind, merged.release(), merged.team(), title,
                "Restores " + merged.release() + " as it was before #" + id + " merged.", main, commit, id, user);
        tx.executeWithoutResult(status -> {
            changeRequests.addActivity(id, Activity.Kind.REVERTED, user.username(), "reverted by #" + revert.id(), clock.instant());
            events.publishEvent(new ChangeRequestEvent("revert_opened", merged, user.username(), Map.of("revert", revert.id())));
        });
        updates.changed(id);
        return revert;
    }

    // ---- reading --------------------------------------------------------------------------------------

    public ChangeRequest find(long id) {
        currentUser.require(Role.VIEWER);
        return changeRequests.find(id).orElseThrow(() -> new NotFoundException("change request #" + id + " does not exist"));
    }

    public Details details(long id) {
        UserIdentity user = currentUser.require(Role.VIEWER);
        ChangeRequest cr = find(id);
        ChangeReview review = changeRequests.review(id).orElse(null);
        List<Approval> approvals = changeRequests.approvals(id);
        Map<String, ApprovalPolicy> byEnvironment = policiesByEnvironment();
        PolicyStatus policy = ApprovalRules.evaluate(cr, approvals, byEnvironment);
        Mergeability mergeability = cr.open() ? mergeability(cr) : new Mergeability(true, true, List.of());
        boolean teamDeveloper = user.hasRole(Role.DEVELOPER) && (user.hasRole(Role.ADMIN) || user.inTeam(cr.team()));
        boolean approvedAlready = approvals.stream().anyMatch(a -> a.active() && a.approver().equals(user.username())
                && a.headCommit().equals(cr.headCommit()));
        boolean mayApprove = cr.open() && !approvedAlready && user.hasRole(Role.APPROVER) && !cr.authoredBy(user.username())
                && cr.environments().stream().anyMatch(env -> ApprovalRules.qualifies(byEnvironment.getOrDefault(env,
                ApprovalPolicy.defaultFor(env)), cr, user.username(), user.roles(), user.teams()));
        boolean mayMerge = cr.open() && (user.hasRole(Role.APPROVER) || teamDeveloper);
        Permissions permissions = new Permissions(mayApprove, mayMerge, cr.open() && user.hasRole(Role.ADMIN) && !policy.met(),
                cr.open() && teamDeveloper && cr.kind() != ChangeKind.DELETE, cr.open() && (teamDeveloper || user.hasRole(Role.APPROVER)),
                cr.state() == ChangeRequestState.CLOSED && (teamDeveloper || user.hasRole(Role.APPROVER)),
                cr.state() == ChangeRequestState.MERGED && teamDeveloper, user.hasRole(Role.DEVELOPER));
        return new Details(cr, review, policy, approvals, changeRequests.activities(id), mergeability, permissions,
                changeRequests.revertOf(id).orElse(null));
    }

    /** Whether the head merges into main now; computed in memory, remembered per (main, head). */
    Mergeability mergeability(ChangeRequest cr) {
        String main = gitops.main();
        if (main.equals(cr.baseCommit())) {
            return new Mergeability(true, true, List.of());
        }
        return mergeabilityCache.computeIfAbsent(main + ".." + cr.headCommit(), key -> {
            GitOpsRepository.MergeOutcome outcome = gitops.merge(main, cr.headCommit());
            return new Mergeability(false, outcome.clean(), outcome.conflicts());
        });
    }

    public List<ChangeRequest> list(ChangeRequestQuery query, boolean waitingForMe, int offset, int limit) {
        UserIdentity user = currentUser.require(Role.VIEWER);
        if (!waitingForMe) {
            return changeRequests.query(query, offset, limit);
        }
        return waitingFor(user, query).stream().skip(offset).limit(limit).toList();
    }

    public int count(ChangeRequestQuery query, boolean waitingForMe) {
        UserIdentity user = currentUser.require(Role.VIEWER);
        return waitingForMe ? waitingFor(user, query).size() : changeRequests.count(query);
    }

    /** Open change requests the user may approve, has not approved, and whose policy still misses approvals. */
    private List<ChangeRequest> waitingFor(UserIdentity user, ChangeRequestQuery query) {
        if (!user.hasRole(Role.APPROVER)) {
            return List.of();
        }
        Map<String, ApprovalPolicy> byEnvironment = policiesByEnvironment();
        ChangeRequestQuery open = new ChangeRequestQuery(ChangeRequestState.OPEN, query.release(), query.environment(), query.author());
        List<ChangeRequest> waiting = new ArrayList<>();
        for (ChangeRequest cr : changeRequests.query(open, 0, 1000)) {
            if (cr.author().equals(user.username())) {
                continue;
            }
            List<Approval> approvals = changeRequests.approvals(cr.id());
            boolean approved = approvals.stream().anyMatch(a -> a.active() && a.approver().equals(user.username())
                    && a.headCommit().equals(cr.headCommit()));
            PolicyStatus status = ApprovalRules.evaluate(cr, approvals, byEnvironment);
            boolean needed = status.environments().stream().anyMatch(e -> !e.met()
                    && ApprovalRules.qualifies(e.policy(), cr, user.username(), user.roles(), user.teams()));
            if (!approved && needed) {
                waiting.add(cr);
            }
        }
        return waiting;
    }

    // ---- ReleaseSubmissions (the release editor) -------------------------------------------------------

    @Override
    @Audited(value = "change_request.opened", targetType = "release")
    public long submit(ReleaseDraft draft, String editing, Proposal proposal) {
        return create(draft, editing, proposal).id();
    }

    @Override
    @Audited(value = "change_request.committed", targetType = "change_request")
    public long amend(long changeRequestId, ReleaseDraft draft, Proposal proposal) {
        return amend(changeRequestId, draft, proposal.title(), proposal.description(), proposal.message()).id();
    }

    @Override
    @Audited(value = "change_request.opened", targetType = "release")
    public long submitRemoval(String release, Proposal proposal) {
        return proposeRemoval(release, proposal).id();
    }

    @Override
    public Proposed proposed(long changeRequestId) {
        ChangeRequest cr = openOne(changeRequestId);
        ReleaseDescription release = gitops.release(cr.headCommit(), cr.release())
                .orElseThrow(() -> new ConflictException("change request #" + changeRequestId + " removes " + cr.release()));
        return new Proposed(cr.id(), release, cr.release(), cr.title(), cr.description());
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private ChangeRequest openOne(long id) {
        ChangeRequest cr = find(id);
        if (!cr.open()) {
            throw new ConflictException("change request #" + id + " is " + cr.state().name().toLowerCase());
        }
        return cr;
    }

    /** Closing and reopening: the owning team's developers, approvers and admins. */
    private UserIdentity mayManage(ChangeRequest cr) {
        UserIdentity user = currentUser.require(Role.DEVELOPER);
        if (!user.hasRole(Role.APPROVER) && !user.inTeam(cr.team())) {
            throw new org.springframework.security.access.AccessDeniedException(user.username() + " is not a member of team " + cr.team());
        }
        return user;
    }

    Map<String, ApprovalPolicy> policiesByEnvironment() {
        Map<String, ApprovalPolicy> byEnvironment = new HashMap<>();
        policies.findAll().forEach(p -> byEnvironment.put(p.environment(), p));
        return byEnvironment;
    }

    private static CommitAuthor author(UserIdentity user) {
        return CommitAuthor.user(user.username(), user.displayName());
    }

    private static void requireTeamNamed(ReleaseDraft draft) {
        if (draft.team() == null || draft.team().isBlank()) {
            throw InvalidInputException.of("team", "name the team that owns the release");
        }
    }

    private static String orGenerated(String text, String generated) {
        return text == null || text.isBlank() ? generated : text.strip();
    }
}
