package io.chartroom.changes.service;

import io.chartroom.gitops.domain.CommitId;
import static io.chartroom.changes.service.ChangeRequestOpening.orGenerated;

import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.event.Audited;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.gitops.domain.CommitAuthor;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.releases.service.ChangeTitle;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.service.ReleaseSubmissions;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Change requests of a release: opening one for a draft (a branch with one commit and its review), one that
 * removes the release, and new commits with a changed draft. The owning team's developers and ADMINs may.
 */
@Service
public class ReleaseChangeRequests implements ReleaseSubmissions {

    private final ChangeRequestService changeRequests;
    private final ChangeRequestOpening opening;
    private final GitOpsRepository gitops;
    private final ReleaseDraftService drafts;
    private final RefTransactions refs;
    private final CurrentUser currentUser;

    public ReleaseChangeRequests(ChangeRequestService changeRequests, ChangeRequestOpening opening, GitOpsRepository gitops,
                                 ReleaseDraftService drafts, RefTransactions refs, CurrentUser currentUser) {
        this.changeRequests = changeRequests;
        this.opening = opening;
        this.gitops = gitops;
        this.drafts = drafts;
        this.refs = refs;
        this.currentUser = currentUser;
    }

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
        String title = orGenerated(proposal.title(), ChangeTitle.of(current.orElse(null), release));
        String commit = gitops.commit(main, changes, author(user), orGenerated(proposal.message(), title));
        return opening.open(kind, release.name(), release.team(), title, orGenerated(proposal.description(), ""), main, commit, null, user);
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
        return opening.open(ChangeKind.DELETE, releaseName, existing.team(), title, orGenerated(proposal.description(), ""), main, commit,
                null, user);
    }

    /** A new commit with the draft on an open change request; approvals are dismissed. */
    @Audited(value = "change_request.committed", targetType = "change_request")
    public ChangeRequest amend(long id, ReleaseDraft draft, String title, String description, String message) {
        refs.requireWritableForChangeRequests(); // a draft is Chartroom's layout: never written into a kept helmfile layout
        ChangeRequest cr = changeRequests.openOne(id);
        if (cr.changesEnvironments() || cr.convertsRepository()) {
            throw new ConflictException("change request #" + id + " " + cr.summary() + ", not a release; propose it again instead");
        }
        if (cr.changesSeveralReleases()) {
            throw new ConflictException("change request #" + id + " changes several releases at once; close it and open a new one instead");
        }
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
        return opening.newHead(cr, cr.baseCommit(), commit, orGenerated(title, cr.title()), description == null ? cr.description() : description,
                user, "committed", "new commit " + CommitId.shortOf(commit));
    }

    /** The files to write for the release on top of {@code commit}: its files, and deletions of files it no longer has. */
    Map<String, String> releaseChanges(String commit, ReleaseDescription release) {
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
        ChangeRequest cr = changeRequests.openOne(changeRequestId);
        if (cr.changesEnvironments() || cr.changesSeveralReleases() || cr.convertsRepository()) {
            throw new ConflictException("change request #" + changeRequestId + " is to " + cr.summary() + ", not to change one release");
        }
        ReleaseDescription release = gitops.release(cr.headCommit(), cr.release())
                .orElseThrow(() -> new ConflictException("change request #" + changeRequestId + " removes " + cr.release()));
        return new Proposed(cr.id(), release, cr.release(), cr.title(), cr.description());
    }

    static CommitAuthor author(UserIdentity user) {
        return CommitAuthor.user(user.username(), user.displayName());
    }

    private static void requireTeamNamed(ReleaseDraft draft) {
        if (draft.team() == null || draft.team().isBlank()) {
            throw InvalidInputException.of("team", "name the team that owns the release");
        }
    }
}
