package io.chartroom.changes.service;

import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.changes.domain.MergeMethod;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.githost.service.HostMain;
import io.chartroom.githost.service.PullRequests;
import io.chartroom.gitops.domain.CommitId;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.HostTransfer;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.SystemActor;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Merging a change request that has a pull request on the Git host: merged there through the host's API (its
 * branch protection and required checks apply, and a refusal says why), then main fetched from the host so that
 * Chartroom's main is the host's merge. The same result as a merge made on the host, recorded as the user's.
 */
@Component
class HostMerge {

    private final PullRequests pullRequests;
    private final HostMain hostMain;
    private final ChangeRequestRepository changeRequests;
    private final GitOpsRepository gitops;
    private final HostTransfer transfer;
    private final EnvironmentService environments;
    private final ApplicationEventPublisher events;
    private final SystemActor system;
    private final Clock clock;

    HostMerge(PullRequests pullRequests, HostMain hostMain, ChangeRequestRepository changeRequests, GitOpsRepository gitops,
              HostTransfer transfer, EnvironmentService environments, ApplicationEventPublisher events, SystemActor system, Clock clock) {
        this.pullRequests = pullRequests;
        this.hostMain = hostMain;
        this.changeRequests = changeRequests;
        this.gitops = gitops;
        this.transfer = transfer;
        this.environments = environments;
        this.events = events;
        this.system = system;
        this.clock = clock;
    }

    /** Whether the change request is merged on the host: a host is configured and its pull request is open there. */
    boolean applies(long id) {
        return pullRequests.link(id).isPresent() && pullRequests.hostConfigured();
    }

    /** Within the merge's transaction, after {@link MergeGate#check}. */
    ChangeRequest merge(MergeGate.Mergeable mergeable, MergeMethod how, UserIdentity user) {
        ChangeRequest cr = mergeable.cr();
        String before = gitops.main();
        String title = (how == MergeMethod.MERGE ? "Merge change request #" + cr.id() + ": " : "") + cr.title();
        String commit = pullRequests.merge(cr.id(), cr.headCommit(), how == MergeMethod.SQUASH, title);
        system.run(hostMain::sync); // main here becomes the host's, with the merge
        if (!transfer.mainHas(commit)) {
            throw new IllegalStateException("the Git host merged change request #" + cr.id() + " as " + commit + ", which its main does not hold");
        }
        changeRequests.markMerged(cr.id(), commit, how, user.username(), clock.instant());
        if (mergeable.override() != null) {
            changeRequests.addActivity(cr.id(), Activity.Kind.OVERRIDDEN, user.username(),
                    "merged without " + String.join("; ", mergeable.policy().missing()) + ": " + mergeable.override(), clock.instant());
        }
        changeRequests.addActivity(cr.id(), Activity.Kind.MERGED, user.username(),
                how.name().toLowerCase() + " on the Git host " + CommitId.shortOf(commit), clock.instant());
        events.publishEvent(new ChangeRequestMerged(cr.id(), cr.release(), commit, before, cr.environments(), user.username(),
                HostPullRequestEvents.ON_HOST, mergeable.override()));
        if (cr.changesEnvironments()) {
            EnvironmentChangeAudit.entries(environments.at(before), environments.at(commit), user.username(), cr.id()).forEach(events::publishEvent);
        }
        return changeRequests.find(cr.id()).orElseThrow();
    }
}
