package io.chartroom.changes.service;

import io.chartroom.gitops.domain.CommitId;
import io.chartroom.base.event.Audited;
import io.chartroom.base.error.ConflictException;
import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.changes.domain.MergeMethod;
import io.chartroom.gitops.domain.CommitAuthor;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merges change requests into main, one at a time: a lock in this process and a PostgreSQL advisory lock
 * across instances serialize merges; the change request's row lock makes a second click find it merged.
 * The merge is made in memory (no work tree); main moves by compare-and-swap and moves back if the
 * database transaction fails. A change request with a pull request on the Git host is merged there instead
 * ({@link HostMerge}): the host is the truth, and its branch protection applies.
 */
@Service
public class MergeService {

    /** The head does not merge cleanly into main: update from main, or resolve by hand. */
    public static class MergeConflictException extends ConflictException {
        private final List<String> files;

        public MergeConflictException(long id, List<String> files) {
            super("change request #" + id + " conflicts with main in " + String.join(", ", files)
                    + "; update it from main to re-apply its change on top");
            this.files = List.copyOf(files);
        }

        public List<String> files() {
            return files;
        }
    }

    private final ChangeRequestRepository changeRequests;
    private final MergeGate gate;
    private final HostMerge hostMerge;
    private final EnvironmentService environments;
    private final GitOpsRepository gitops;
    private final RefTransactions refs;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final ChangeRequestUpdates updates;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock(true);

    MergeService(ChangeRequestRepository changeRequests, MergeGate gate, HostMerge hostMerge, EnvironmentService environments, GitOpsRepository gitops,
                        RefTransactions refs, CurrentUser currentUser, ApplicationEventPublisher events,
                        ChangeRequestUpdates updates, TransactionTemplate tx, Clock clock) {
        this.changeRequests = changeRequests;
        this.gate = gate;
        this.hostMerge = hostMerge;
        this.environments = environments;
        this.gitops = gitops;
        this.refs = refs;
        this.currentUser = currentUser;
        this.events = events;
        this.updates = updates;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Merges when the checks pass and the approval policy is met; an ADMIN may merge without the policy by
     * giving a reason (audited). Merging a change request that is already merged returns it unchanged.
     */
    @Audited(value = "change_request.merged", targetType = "change_request")
    public ChangeRequest merge(long id, @Nullable MergeMethod method, @Nullable String overrideReason) {
        UserIdentity user = currentUser.require(Role.DEVELOPER);
        MergeMethod how = method == null ? MergeMethod.MERGE : method;
        lock.lock();
        try {
            ChangeRequest merged = tx.execute(status -> {
                changeRequests.lockMain();
                MergeGate.Mergeable mergeable = gate.check(id, user, overrideReason);
                ChangeRequest cr = mergeable.cr();
                if (mergeable.alreadyMerged()) {
                    return cr;
                }
                // a conversion merges here, never on the Git host: only here is main checked to be the one it converted, and
                // its result to read completely
                if (!cr.convertsRepository() && hostMerge.applies(id)) {
                    return hostMerge.merge(mergeable, how, user);
                }
                if (mergeable.decidedByHost()) {
                    // nothing was approved here: only the host's protection may let it through
                    throw new ConflictException("change request #" + id + " merges on the Git host, whose branch protection decides for "
                            + String.join(", ", mergeable.policy().environments().stream().filter(e -> e.policy().decidedByHost())
                            .map(PolicyStatus.EnvironmentStatus::environment).toList()) + ": its pull request is not open there yet");
                }
                PolicyStatus policy = mergeable.policy();
                String override = mergeable.override();
                String main = gitops.main();
                if (cr.convertsRepository() && !main.equals(cr.baseCommit())) {
                    // converted from another main: what moved since is in no review
                    throw new ConflictException("main moved since change request #" + id + " converted it: close it and convert main again");
                }
                String tree;
                if (main.equals(cr.baseCommit())) {
                    tree = gitops.tree(cr.headCommit());
                } else {
                    GitOpsRepository.MergeOutcome outcome = gitops.merge(main, cr.headCommit());
                    if (!outcome.clean()) {
                        throw new MergeConflictException(id, outcome.conflicts());
                    }
                    tree = outcome.tree();
                }
                String approvedBy = mergeable.approvedBy();
                String body = (cr.description().isBlank() ? "" : cr.description() + "\n\n")
                        + "Change request #" + id + " by " + cr.author() + ", approved by " + approvedBy
                        + (override == null ? "" : "; merged without the required approvals by " + user.username() + ": " + override) + ".";
                String commit = how == MergeMethod.MERGE
                        ? gitops.commitTree(tree, List.of(main, cr.headCommit()), CommitAuthor.user(user.username(), user.displayName()), "Merge change request #" + id + ": " + cr.title() + "\n\n" + body)
                        : gitops.commitTree(tree, List.of(main), CommitAuthor.user(cr.author()), cr.title() + "\n\n" + body);
                if (cr.convertsRepository()) {
                    refs.moveMainToConversion(main, commit);
                } else {
                    refs.move(GitOpsRepository.MAIN, main, commit);
                }
                changeRequests.markMerged(id, commit, how, user.username(), clock.instant());
                if (override != null) {
                    changeRequests.addActivity(id, Activity.Kind.OVERRIDDEN, user.username(),
                            "merged without " + String.join("; ", policy.missing()) + ": " + override, clock.instant());
                }
                changeRequests.addActivity(id, Activity.Kind.MERGED, user.username(), how.name().toLowerCase() + " " + CommitId.shortOf(commit), clock.instant());
                events.publishEvent(new ChangeRequestMerged(id, cr.release(), commit, main, cr.environments(), user.username(), how.name(), override));
                if (cr.changesEnvironments()) {
                    EnvironmentChangeAudit.entries(environments.at(main), environments.at(commit), user.username(), id).forEach(events::publishEvent);
                }
                return changeRequests.find(id).orElseThrow();
            });
            updates.changed(id);
            return merged;
        } finally {
            lock.unlock();
        }
    }
}
