package io.chartroom.changes.service;

import io.chartroom.gitops.domain.CommitId;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.base.error.ConflictException;
import io.chartroom.base.event.Audited;
import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.changes.domain.ChangeRequestState;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * New revisions of a change request from main: its edit re-applied on top of main as it is now, and the
 * revert of a merged one (a new change request restoring what it changed). Either works on the files the change
 * request owns: its release's directory, or environments.yaml.
 */
@Service
public class ChangeRequestRevisions {

    private final ChangeRequestService changeRequests;
    private final ChangeRequestRepository repository;
    private final ChangeRequestOpening opening;
    private final GitOpsRepository gitops;
    private final CurrentUser currentUser;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final ChangeRequestUpdates updates;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RepositoryCheck repositoryCheck;

    public ChangeRequestRevisions(ChangeRequestService changeRequests, ChangeRequestRepository repository, ChangeRequestOpening opening,
                                  GitOpsRepository gitops, CurrentUser currentUser, org.springframework.context.ApplicationEventPublisher events,
                                  ChangeRequestUpdates updates, TransactionTemplate tx, Clock clock, RepositoryCheck repositoryCheck) {
        this.repositoryCheck = repositoryCheck;
        this.changeRequests = changeRequests;
        this.repository = repository;
        this.opening = opening;
        this.gitops = gitops;
        this.currentUser = currentUser;
        this.events = events;
        this.updates = updates;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Re-applies the change request's edit on top of main as it is now: the files it changed take its version,
     * everything else main's. Approvals are dismissed.
     */
    @Audited(value = "change_request.updated_from_main", targetType = "change_request")
    public ChangeRequest updateFromMain(long id) {
        ChangeRequest cr = changeRequests.openOne(id);
        UserIdentity user = mayCommit(cr);
        String main = gitops.main();
        if (cr.convertsRepository() && !main.equals(cr.baseCommit())) {
            throw new ConflictException("main moved since change request #" + id + " converted it: close it and convert main again");
        }
        if (main.equals(cr.baseCommit())) {
            return cr;
        }
        String commit;
        if (repositoryCheck.mainIsKept()) {
            // an edit in place of a team's files: merged with main line by line, never whole files over newer ones
            GitOpsRepository.MergeOutcome merged = gitops.merge(main, cr.headCommit());
            if (!merged.clean()) {
                throw new ConflictException("main changed the same lines as change request #" + id + " (" + String.join(", ", merged.conflicts())
                        + "): close it and change the value again");
            }
            commit = gitops.commitTree(merged.tree(), List.of(main), ReleaseChangeRequests.author(user), "Update from main: " + cr.title());
        } else {
            Map<String, String> edit = gitops.changes(cr.baseCommit(), cr.headCommit(), cr.ownedPath());
            commit = gitops.commit(main, edit, ReleaseChangeRequests.author(user), "Update from main: " + cr.title());
        }
        return opening.newHead(cr, main, commit, cr.title(), cr.description(), user, "updated", "updated from main " + CommitId.shortOf(main));
    }

    /** Opens a change request that restores what this one changed as it was before it merged: the rollback. */
    @Audited(value = "change_request.revert_opened", targetType = "change_request")
    public ChangeRequest revert(long id) {
        ChangeRequest merged = changeRequests.find(id);
        if (merged.state() != ChangeRequestState.MERGED) {
            throw new ConflictException("only a merged change request can be reverted; #" + id + " is " + merged.state().name().toLowerCase());
        }
        UserIdentity user = mayCommit(merged);
        if (merged.convertsRepository()) {
            throw new ConflictException("a conversion is not reverted: main before it is a layout Chartroom cannot read; change releases through "
                    + "change requests instead");
        }
        String before = gitops.history(merged.mergeCommit(), 2).stream().skip(1).findFirst()
                .orElseThrow(() -> new ConflictException("the merge commit of #" + id + " has no parent")).id();
        String main = gitops.main();
        // several releases: only the directories of those it changed, not every release
        boolean kept = repositoryCheck.mainIsKept();
        // on a kept helmfile layout, the files the edit changed (anywhere in the team's layout), restored only while main
        // still has them as the merge left them: a later edit of the same file is never undone with it
        List<String> paths = kept ? List.copyOf(gitops.changes(before, merged.mergeCommit(), "").keySet())
                : merged.changesSeveralReleases()
                ? gitops.changes(before, merged.mergeCommit(), merged.ownedPath()).keySet().stream()
                        .map(path -> RepositoryLayout.releaseDirectory(path.split("/")[1])).distinct().toList()
                : List.of(merged.ownedPath());
        Map<String, String> restored = new TreeMap<>();
        Map<String, String> now = new TreeMap<>();
        for (String path : paths) {
            restored.putAll(gitops.readTree(before, path));
            now.putAll(gitops.readTree(main, path));
        }
        if (kept) {
            for (String path : paths) {
                if (!gitops.read(main, path).equals(gitops.read(merged.mergeCommit(), path))) {
                    throw new ConflictException(path + " changed on main since #" + id + " merged: change the value again instead of reverting");
                }
            }
        }
        Map<String, String> changes = new TreeMap<>();
        restored.forEach((path, text) -> {
            if (!text.equals(now.get(path))) {
                changes.put(path, text);
            }
        });
        now.keySet().stream().filter(path -> !restored.containsKey(path)).forEach(path -> changes.put(path, null));
        String what = merged.changesEnvironments() ? "the environments" : merged.changesSeveralReleases() ? "the releases it changed"
                : merged.release();
        if (changes.isEmpty()) {
            throw new ConflictException("nothing to revert: " + what + " on main " + (merged.release() == null ? "are" : "is")
                    + " already as before #" + id);
        }
        ChangeKind kind = merged.changesEnvironments() ? ChangeKind.ENVIRONMENTS : merged.changesSeveralReleases() ? ChangeKind.BULK
                : restored.isEmpty() ? ChangeKind.DELETE : now.isEmpty() ? ChangeKind.CREATE : ChangeKind.UPDATE;
        String title = "Revert \"" + merged.title() + "\"";
        String commit = gitops.commit(main, changes, ReleaseChangeRequests.author(user), title + "\n\nRestores " + what
                + " as before change request #" + id + ".");
        ChangeRequest revert = opening.open(kind, merged.release(), merged.team(), title, "Restores " + what + " as before #" + id + " merged.",
                main, commit, id, user);
        tx.executeWithoutResult(status -> {
            repository.addActivity(id, Activity.Kind.REVERTED, user.username(), "reverted by #" + revert.id(), clock.instant());
            events.publishEvent(new ChangeRequestEvent("revert_opened", merged, user.username(), Map.of("revert", revert.id())));
        });
        updates.changed(id);
        return revert;
    }

    /** A release's: its team's developers and ADMINs; the environments': ADMINs. */
    private UserIdentity mayCommit(ChangeRequest cr) {
        return cr.changesEnvironments() || cr.convertsRepository() ? currentUser.require(Role.ADMIN) : currentUser.requireTeam(Role.DEVELOPER, cr.team());
    }
}
