package io.chartroom.changes.service;

import io.chartroom.gitops.domain.CommitId;
import io.chartroom.base.event.Audited;
import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.catalog.service.ReadmeRenderer;
import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.domain.Approval;
import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestQuery;
import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.changes.domain.ChangeRequestState;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Change requests once open: reading them, approving, commenting, closing and reopening. Every method checks the
 * caller; every state change is audited and told to open views. Opening is {@link ReleaseChangeRequests}' and
 * {@link EnvironmentChangeRequests}', new revisions {@link ChangeRequestRevisions}', merging {@link MergeService}'s.
 */
@Service
public class ChangeRequestService {

    /** A change request with everything its page shows. */
    public record Details(ChangeRequest changeRequest, ChangeReview review, PolicyStatus policy, List<Approval> approvals,
                          List<Activity> activities, Mergeability mergeability, Permissions permissions,
                          @Nullable Long revertedBy) {}

    /** Whether the head merges into main as it is now. */
    public record Mergeability(boolean upToDate, boolean clean, List<String> conflicts) {}

    /** What the caller may do with it now (the methods check again). */
    public record Permissions(boolean approve, boolean merge, boolean override, boolean edit, boolean updateFromMain, boolean close,
                              boolean reopen, boolean revert, boolean comment) {}

    private final ChangeRequestRepository changeRequests;
    private final ApprovalPolicies policies;
    private final GitOpsRepository gitops;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final ChangeRequestUpdates updates;
    private final ReadmeRenderer markdown;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RepositoryCheck repositoryCheck;
    private final Map<String, Mergeability> mergeabilityCache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Mergeability> eldest) {
            return size() > 256;
        }
    });

    ChangeRequestService(ChangeRequestRepository changeRequests, ApprovalPolicies policies, GitOpsRepository gitops, CurrentUser currentUser,
                         ApplicationEventPublisher events, ChangeRequestUpdates updates, ReadmeRenderer markdown, TransactionTemplate tx,
                         Clock clock, RepositoryCheck repositoryCheck) {
        this.repositoryCheck = repositoryCheck;
        this.changeRequests = changeRequests;
        this.policies = policies;
        this.gitops = gitops;
        this.currentUser = currentUser;
        this.events = events;
        this.updates = updates;
        this.markdown = markdown;
        this.tx = tx;
        this.clock = clock;
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
        Map<String, ApprovalPolicy> applicable = policies.applicable(cr);
        List<String> qualifying = applicable.entrySet().stream()
                .filter(e -> ApprovalRules.qualifies(e.getValue(), cr, user.username(), user.roles(), user.teams())).map(Map.Entry::getKey)
                .toList();
        if (qualifying.isEmpty() && !applicable.isEmpty()) {
            throw new org.springframework.security.access.AccessDeniedException(user.username() + " may not approve changes to "
                    + String.join(", ", applicable.keySet()) + ": " + applicable.entrySet().stream()
                    .map(e -> e.getKey() + " needs " + e.getValue().describe()).reduce((a, b) -> a + "; " + b).orElse(""));
        }
        tx.executeWithoutResult(status -> {
            changeRequests.approve(id, user.username(), user.roles(), user.teams(), cr.headCommit(), clock.instant());
            changeRequests.addActivity(id, Activity.Kind.APPROVED, user.username(), "approved " + CommitId.shortOf(cr.headCommit())
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
        Map<String, ApprovalPolicy> applicable = policies.applicable(cr);
        PolicyStatus policy = ApprovalRules.evaluate(cr, approvals, applicable);
        Mergeability mergeability = cr.open() ? mergeability(cr) : new Mergeability(true, true, List.of());
        // who may add commits: a release's team developers and ADMINs; the environments': ADMINs
        boolean teamDeveloper = cr.changesEnvironments() || cr.convertsRepository() ? user.hasRole(Role.ADMIN)
                : user.hasRole(Role.DEVELOPER) && (user.hasRole(Role.ADMIN) || user.inTeam(cr.team()));
        boolean approvedAlready = approvals.stream().anyMatch(a -> a.active() && a.approver().equals(user.username())
                && a.headCommit().equals(cr.headCommit()));
        boolean mayApprove = cr.open() && !approvedAlready && user.hasRole(Role.APPROVER) && !cr.authoredBy(user.username())
                && applicable.values().stream().anyMatch(p -> ApprovalRules.qualifies(p, cr, user.username(), user.roles(), user.teams()));
        boolean mayMerge = cr.open() && (user.hasRole(Role.APPROVER) || teamDeveloper);
        // a kept helmfile layout takes edits in place only: no commit from Chartroom's form
        boolean writesChartroomLayout = !repositoryCheck.mainIsKept();
        Permissions permissions = new Permissions(mayApprove, mayMerge, cr.open() && user.hasRole(Role.ADMIN) && !policy.met(),
                cr.open() && teamDeveloper && cr.kind() != ChangeKind.DELETE && !cr.changesEnvironments() && !cr.changesSeveralReleases()
                        && !cr.convertsRepository() && writesChartroomLayout,
                cr.open() && teamDeveloper,
                cr.open() && (teamDeveloper || user.hasRole(Role.APPROVER)),
                cr.state() == ChangeRequestState.CLOSED && (teamDeveloper || user.hasRole(Role.APPROVER)),
                cr.state() == ChangeRequestState.MERGED && teamDeveloper && !cr.convertsRepository(), user.hasRole(Role.DEVELOPER));
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
        ChangeRequestQuery open = new ChangeRequestQuery(ChangeRequestState.OPEN, query.release(), query.environment(), query.author());
        List<ChangeRequest> waiting = new ArrayList<>();
        for (ChangeRequest cr : changeRequests.query(open, 0, 1000)) {
            if (cr.author().equals(user.username())) {
                continue;
            }
            List<Approval> approvals = changeRequests.approvals(cr.id());
            boolean approved = approvals.stream().anyMatch(a -> a.active() && a.approver().equals(user.username())
                    && a.headCommit().equals(cr.headCommit()));
            PolicyStatus status = ApprovalRules.evaluate(cr, approvals, policies.applicable(cr));
            boolean needed = status.environments().stream().anyMatch(e -> !e.met()
                    && ApprovalRules.qualifies(e.policy(), cr, user.username(), user.roles(), user.teams()));
            if (!approved && needed) {
                waiting.add(cr);
            }
        }
        return waiting;
    }

    // ---- helpers --------------------------------------------------------------------------------------

    ChangeRequest openOne(long id) {
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




}
