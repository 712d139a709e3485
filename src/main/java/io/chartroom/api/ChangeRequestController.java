package io.chartroom.api;

import io.chartroom.gitops.domain.Proposal;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.changes.domain.Approval;
import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestQuery;
import io.chartroom.changes.domain.ChangeRequestState;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.changes.domain.MergeMethod;
import io.chartroom.changes.service.ApprovalPolicyService;
import io.chartroom.changes.service.ChangeRequestRevisions;
import io.chartroom.changes.service.ChangeRequestService;
import io.chartroom.changes.service.ReleaseChangeRequests;
import io.chartroom.changes.service.MergeService;
import io.chartroom.changes.service.PolicyStatus;
import io.chartroom.base.text.UnifiedDiff;
import io.chartroom.security.domain.Role;
import io.chartroom.releases.service.ReleaseDraft;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Change requests")
class ChangeRequestController {

    /**
     * A proposed change: a release description (as for /releases/validate) to create or change a release
     * ({@code editing}: the release on main it changes), or {@code remove}: the name of a release to remove.
     */
    record ProposalRequest(ReleaseController.ReleaseRequest release, String editing, String remove, String title,
                           String description, String message) {}

    record Summary(long id, String title, String state, String kind, String release, String team, String author,
                   List<String> environments, String branch, String headCommit, String mergeCommit, Instant createdAt,
                   Instant updatedAt, Long revertsId) {
        static Summary of(ChangeRequest cr) {
            return new Summary(cr.id(), cr.title(), cr.state().name(), cr.kind().name(), cr.release(), cr.team(), cr.author(),
                    cr.environments(), cr.branch(), cr.headCommit(), cr.mergeCommit(), cr.createdAt(), cr.updatedAt(), cr.revertsId());
        }
    }

    record Page(int total, List<Summary> items) {}

    record FileView(String path, String status, String diff) {}

    record ObjectView(String kind, String apiVersion, String namespace, String name, String status, String role, String diff) {}

    record TargetView(String kubeVersion, List<String> clusters, String errorBefore, String errorAfter, long added, long changed,
                      long removed, long unchanged, List<ObjectView> objects) {}

    /** {@code release}: whose environment, in a change request of several releases (else null). */
    record EnvironmentView(String environment, boolean before, boolean after, boolean changed, String valuesDiff, List<TargetView> targets,
                           String release) {
        static EnvironmentView of(ChangeReview.EnvironmentChange e) {
            return new EnvironmentView(e.environment(), e.before(), e.after(), e.changed(),
                    UnifiedDiff.of(e.environment() + " values", e.valuesBefore(), e.valuesAfter()),
                    e.targets().stream().map(t -> new TargetView(t.kubeVersion(), t.clusters(), t.errorBefore(), t.errorAfter(),
                            t.count(ChangeReview.ObjectStatus.ADDED), t.count(ChangeReview.ObjectStatus.CHANGED),
                            t.count(ChangeReview.ObjectStatus.REMOVED), t.count(ChangeReview.ObjectStatus.UNCHANGED),
                            t.objects().stream().map(o -> new ObjectView(o.kind(), o.apiVersion(), o.namespace(), o.name(), o.status().name(),
                                    o.role(), UnifiedDiff.of(o.id(), o.before(), o.after()))).toList())).toList(), e.release());
        }
    }

    record ApprovalView(String approver, String headCommit, Instant at, Instant dismissedAt, String dismissedReason) {}

    record ActivityView(String kind, String actor, String body, Instant at) {}

    record Details(Summary changeRequest, String description, boolean checksPass, List<ChangeReview.Check> checks, boolean policyMet,
                   List<String> missing, List<PolicyStatus.EnvironmentStatus> policy, List<ApprovalView> approvals,
                   ChangeRequestService.Mergeability mergeability, List<FileView> files, List<EnvironmentView> environments,
                   List<ActivityView> conversation, Long revertedBy, List<String> commitAuthors, String whoMayCommit,
                   ChangeRequestService.Permissions permissions, PullRequestView pullRequest) {}

    /** The change request's pull/merge request on the Git host; {@code lastError}: why the last update of it failed. */
    record PullRequestView(String host, long number, String url, String publishedHead, String lastError) {
        static PullRequestView of(io.chartroom.githost.domain.PullRequestLink link) {
            return new PullRequestView(link.kind().name(), link.number(), link.url(), link.publishedHead(), link.lastError());
        }
    }

    record CommentRequest(String text) {}

    record MergeRequest(MergeMethod method, String overrideReason) {}

    /**
     * {@code source}: FILE (environments.yaml says so), DATABASE (kept from before the file held it), DEFAULT;
     * {@code onHost}: with a Git host, its branch protection decides instead.
     */
    record PolicyView(String environment, int requiredApprovals, Role approverRole, String approverTeam, boolean requireAdmin, String summary,
                      String source, boolean onHost) {
        static PolicyView of(ApprovalPolicy p) {
            return new PolicyView(p.environment(), p.requiredApprovals(), p.approverRole(), p.approverTeam(), p.requireAdmin(), p.describe(),
                    p.source().name(), p.onHost());
        }
    }

    /** A proposal's policy edit is a change request on environments.yaml: the answer names it. */
    record PolicyProposal(String title, String description, String message, Integer requiredApprovals, Role approverRole,
                          String approverTeam, Boolean requireAdmin, Boolean onHost) {}

    private final ChangeRequestService changeRequests;
    private final ReleaseChangeRequests releaseChanges;
    private final ChangeRequestRevisions revisions;
    private final MergeService merges;
    private final ApprovalPolicyService policies;
    private final ReleaseRequests releaseRequests;
    private final io.chartroom.githost.service.PullRequests pullRequests;

    ChangeRequestController(ChangeRequestService changeRequests, ReleaseChangeRequests releaseChanges, ChangeRequestRevisions revisions,
                            MergeService merges, ApprovalPolicyService policies, ReleaseRequests releaseRequests,
                            io.chartroom.githost.service.PullRequests pullRequests) {
        this.pullRequests = pullRequests;
        this.changeRequests = changeRequests;
        this.releaseChanges = releaseChanges;
        this.revisions = revisions;
        this.merges = merges;
        this.policies = policies;
        this.releaseRequests = releaseRequests;
    }

    @PostMapping("/change-requests")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Propose a change: a branch with one commit and a change request, with diffs and checks (DEVELOPER of the owning team)")
    Summary create(@RequestBody ProposalRequest request) {
        Proposal proposal = new Proposal(request.title(), request.description(), request.message());
        if (request.remove() != null && !request.remove().isBlank()) {
            return Summary.of(releaseChanges.proposeRemoval(request.remove(), proposal));
        }
        return Summary.of(releaseChanges.create(draft(request), request.editing(), proposal));
    }

    @GetMapping("/change-requests")
    @Operation(summary = "Change requests, newest first, filtered by state, release, environment, author or waiting for the caller's review")
    Page list(@RequestParam(required = false) ChangeRequestState state, @RequestParam(required = false) String release,
              @RequestParam(required = false) String environment, @RequestParam(required = false) String author,
              @RequestParam(defaultValue = "false") boolean waitingForMe, @RequestParam(defaultValue = "0") int page,
              @RequestParam(defaultValue = "50") int size) {
        ChangeRequestQuery query = new ChangeRequestQuery(state, release, environment, author);
        int limit = Math.max(1, Math.min(size, 200));
        return new Page(changeRequests.count(query, waitingForMe),
                changeRequests.list(query, waitingForMe, Math.max(0, page) * limit, limit).stream().map(Summary::of).toList());
    }

    @GetMapping("/change-requests/{id}")
    @Operation(summary = "A change request with its diffs (files, values and rendered objects per environment and cluster), checks, policy and conversation")
    Details get(@PathVariable long id) {
        ChangeRequestService.Details d = changeRequests.details(id);
        ChangeReview review = d.review();
        List<FileView> files = review.files().stream()
                .map(f -> new FileView(f.path(), f.status().name(), UnifiedDiff.of(f.path(), f.before(), f.after()))).toList();
        List<EnvironmentView> environments = review.environments().stream().map(EnvironmentView::of).toList();
        return new Details(Summary.of(d.changeRequest()), d.changeRequest().description(), review.checksPass(), review.checks(),
                d.policy().met(), d.policy().missing(), d.policy().environments(),
                d.approvals().stream().map(ChangeRequestController::approval).toList(), d.mergeability(), files, environments,
                d.activities().stream().map(a -> new ActivityView(a.kind().name(), a.actor(), a.body(), a.at())).toList(), d.revertedBy(),
                d.changeRequest().commitAuthors(), d.changeRequest().whoMayCommit(), d.permissions(),
                pullRequests.link(id).map(PullRequestView::of).orElse(null));
    }

    private static ApprovalView approval(Approval a) {
        return new ApprovalView(a.approver(), a.headCommit(), a.createdAt(), a.dismissedAt(), a.dismissedReason());
    }

    @PutMapping("/change-requests/{id}")
    @Operation(summary = "A new commit with a changed release description (approvals are dismissed)")
    Summary amend(@PathVariable long id, @RequestBody ProposalRequest request) {
        return Summary.of(releaseChanges.amend(id, draft(request), request.title(), request.description(), request.message()));
    }

    @PostMapping("/change-requests/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Comment (Markdown)")
    void comment(@PathVariable long id, @RequestBody CommentRequest request) {
        changeRequests.comment(id, request.text());
    }

    @PostMapping("/change-requests/{id}/approve")
    @Operation(summary = "Approve the head commit (not the author; the approver must qualify under a changed environment's policy)")
    Summary approve(@PathVariable long id) {
        changeRequests.approve(id);
        return Summary.of(changeRequests.find(id));
    }

    @PostMapping("/change-requests/{id}/merge")
    @Operation(summary = "Merge into main when checks pass and the policy is met; ADMINs may override the policy with a reason")
    Summary merge(@PathVariable long id, @RequestBody(required = false) MergeRequest request) {
        return Summary.of(merges.merge(id, request == null ? null : request.method(), request == null ? null : request.overrideReason()));
    }

    @PostMapping("/change-requests/{id}/update-from-main")
    @Operation(summary = "Re-apply the change on top of main as it is now (a new commit; approvals are dismissed)")
    Summary updateFromMain(@PathVariable long id) {
        return Summary.of(revisions.updateFromMain(id));
    }

    @PostMapping("/change-requests/{id}/close")
    Summary close(@PathVariable long id) {
        changeRequests.close(id);
        return Summary.of(changeRequests.find(id));
    }

    @PostMapping("/change-requests/{id}/reopen")
    Summary reopen(@PathVariable long id) {
        changeRequests.reopen(id);
        return Summary.of(changeRequests.find(id));
    }

    @PostMapping("/change-requests/{id}/revert")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a change request that restores the release (or the environments) as before this merged one (rollback)")
    Summary revert(@PathVariable long id) {
        return Summary.of(revisions.revert(id));
    }

    @GetMapping("/environments/{name}/approval-policy")
    PolicyView policy(@PathVariable String name) {
        return PolicyView.of(policies.get(name));
    }

    @PutMapping("/environments/{name}/approval-policy")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Propose an environment's approval policy (ADMIN): a change request on environments.yaml, applied when it merges")
    EnvironmentController.ProposedChange updatePolicy(@PathVariable String name, @RequestBody PolicyProposal request) {
        if (request.requiredApprovals() == null || request.approverRole() == null) {
            throw InvalidInputException.of(request.requiredApprovals() == null ? "requiredApprovals" : "approverRole", "required");
        }
        long id = policies.propose(name, new ApprovalPolicyService.Draft(request.requiredApprovals(), request.approverRole(),
                request.approverTeam(), Boolean.TRUE.equals(request.requireAdmin()), request.onHost()),
                new Proposal(request.title(), request.description(), request.message()));
        return EnvironmentController.ProposedChange.of(id);
    }

    private ReleaseDraft draft(ProposalRequest request) {
        if (request.release() == null) {
            throw InvalidInputException.of("release", "give the release description, or 'remove' with a release name");
        }
        return releaseRequests.draft(request.release());
    }
}
