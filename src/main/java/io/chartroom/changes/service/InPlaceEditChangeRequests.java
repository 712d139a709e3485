package io.chartroom.changes.service;

import static io.chartroom.changes.service.ChangeRequestOpening.orGenerated;

import io.chartroom.base.error.ConflictException;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.releases.service.InPlaceEdits;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The change request of a value edited in place in a kept helmfile layout: an update of the release like any other
 * (reviewed per environment and cluster, approved by the environments' rules, merged and applied), whose commit
 * changes one file of the team's own layout. A DEVELOPER of the release's team opens it, on main as it is.
 */
@Service
public class InPlaceEditChangeRequests implements InPlaceEdits {

    private final ChangeRequestOpening opening;
    private final GitOpsRepository gitops;
    private final RepositoryCheck repositoryCheck;
    private final CurrentUser currentUser;

    InPlaceEditChangeRequests(ChangeRequestOpening opening, GitOpsRepository gitops, RepositoryCheck repositoryCheck, CurrentUser currentUser) {
        this.opening = opening;
        this.gitops = gitops;
        this.repositoryCheck = repositoryCheck;
        this.currentUser = currentUser;
    }

    @Override
    public long propose(String base, String release, String team, String file, String text, Proposal proposal) {
        UserIdentity user = currentUser.requireTeam(Role.DEVELOPER, team);
        if (!base.equals(gitops.main())) {
            throw new ConflictException("main moved while the edit was prepared: edit the value again");
        }
        if (!repositoryCheck.mainIsKept()) {
            throw new ConflictException("the GitOps repository does not keep a helmfile layout: values are edited in the release's form");
        }
        String title = orGenerated(proposal.title(), "Update " + release);
        String commit = gitops.commit(base, Map.of(file, text), ReleaseChangeRequests.author(user), orGenerated(proposal.message(), title));
        return opening.open(ChangeKind.UPDATE, release, team, title, orGenerated(proposal.description(), ""), base, commit, null, user).id();
    }
}
