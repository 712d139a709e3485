package io.chartroom.changes.service;

import static io.chartroom.changes.service.ChangeRequestOpening.orGenerated;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.event.Audited;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.environments.service.EnvironmentSubmissions;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Change requests of the environments: environments.yaml written anew on a branch, reviewed (settings, clusters,
 * which releases arrive on or leave which clusters) and approved under the built-in policy (an ADMIN who authored
 * none of it). Only ADMINs propose; the change applies when it merges, like any other.
 */
@Service
public class EnvironmentChangeRequests implements EnvironmentSubmissions {

    private final ChangeRequestOpening opening;
    private final GitOpsRepository gitops;
    private final RefTransactions refs;
    private final CurrentUser currentUser;

    public EnvironmentChangeRequests(ChangeRequestOpening opening, GitOpsRepository gitops, RefTransactions refs, CurrentUser currentUser) {
        this.opening = opening;
        this.gitops = gitops;
        this.refs = refs;
        this.currentUser = currentUser;
    }

    @Override
    @Audited(value = "change_request.opened", targetType = "environment")
    public long propose(List<EnvironmentDefinition> environments, String summary, Proposal proposal) {
        return open(environments, summary, proposal, currentUser.require(Role.ADMIN)).id();
    }

    /** Opens it as {@code user} (an ADMIN, or Chartroom itself carrying older settings into the file). */
    ChangeRequest open(List<EnvironmentDefinition> environments, String summary, Proposal proposal, UserIdentity user) {
        refs.requireWritableForChangeRequests();
        String text = EnvironmentsLayout.write(environments);
        if (!EnvironmentsLayout.read(text).equals(environments)) {
            throw new IllegalStateException("environments.yaml would not read back as proposed"); // never committed
        }
        String main = gitops.main();
        if (Optional.of(text).equals(gitops.read(main, RepositoryLayout.ENVIRONMENTS))) {
            throw InvalidInputException.of("environments", "nothing changes: main's environments.yaml already says this");
        }
        String title = orGenerated(proposal.title(), summary);
        String commit = gitops.commit(main, Map.of(RepositoryLayout.ENVIRONMENTS, text), ReleaseChangeRequests.author(user),
                orGenerated(proposal.message(), title));
        return opening.open(ChangeKind.ENVIRONMENTS, null, null, title, orGenerated(proposal.description(), ""), main, commit, null, user);
    }
}
