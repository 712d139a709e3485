package io.chartroom.changes.service;

import static io.chartroom.changes.service.ChangeRequestOpening.orGenerated;

import io.chartroom.base.error.ConflictException;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.releases.service.RepositoryConversions;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The change request that converts a team's repository to Chartroom's layout: one commit on main as it is, opened
 * although main cannot be read (the one change request that may be), reviewed by rendering every release both
 * ways, approved like a change of the environments (an ADMIN who authored none of it).
 */
@Service
public class ConversionChangeRequests implements RepositoryConversions {

    private final ChangeRequestOpening opening;
    private final GitOpsRepository gitops;
    private final CurrentUser currentUser;

    ConversionChangeRequests(ChangeRequestOpening opening, GitOpsRepository gitops, CurrentUser currentUser) {
        this.opening = opening;
        this.gitops = gitops;
        this.currentUser = currentUser;
    }

    @Override
    public long propose(String base, Map<String, @Nullable String> changes, Proposal proposal) {
        UserIdentity user = currentUser.require(Role.ADMIN);
        if (!base.equals(gitops.main())) {
            throw new ConflictException("main moved while the conversion was prepared: read it again");
        }
        String title = orGenerated(proposal.title(), "Convert the repository to Chartroom's layout");
        String commit = gitops.commit(base, changes, ReleaseChangeRequests.author(user), orGenerated(proposal.message(), title));
        return opening.open(ChangeKind.CONVERT, null, null, title, orGenerated(proposal.description(), ""), base, commit, null, user).id();
    }
}
