package io.chartroom.changes.service;

import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.changes.domain.ChangeRequestState;
import io.chartroom.changes.domain.MergeMethod;
import io.chartroom.gitops.domain.CommitId;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.HostTransfer;
import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.service.GitHosts;
import io.chartroom.githost.service.HostEvent;
import io.chartroom.githost.service.HostMain;
import io.chartroom.githost.service.PullRequests;
import io.chartroom.security.service.SystemActor;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to a change request's pull request on the Git host happens to the change request: merged there, it
 * is merged here (main fetched from the host first, so the merge commit is Chartroom's main and the reconciler
 * applies it); closed there, it is closed here; a review there is in its conversation, and with
 * {@code countHostReviews} an approval counts as the Chartroom user's of that login (checked as theirs here). In order, off the webhook's
 * thread, as Chartroom itself.
 */
@Component
class HostPullRequestEvents {

    private static final Logger log = LoggerFactory.getLogger(HostPullRequestEvents.class);

    private final PullRequests pullRequests;
    private final GitHosts gitHosts;
    private final ChangeRequestService changeRequestService;
    private final HostMain hostMain;
    private final ChangeRequestRepository changeRequests;
    private final GitOpsRepository gitops;
    private final HostTransfer transfer;
    private final ChangeRequestUpdates updates;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final SystemActor system;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("host-events").daemon().factory());

    HostPullRequestEvents(PullRequests pullRequests, GitHosts gitHosts, ChangeRequestService changeRequestService, HostMain hostMain,
                          ChangeRequestRepository changeRequests, GitOpsRepository gitops, HostTransfer transfer,
                          ChangeRequestUpdates updates, ApplicationEventPublisher events, TransactionTemplate tx, SystemActor system, Clock clock) {
        this.pullRequests = pullRequests;
        this.gitHosts = gitHosts;
        this.changeRequestService = changeRequestService;
        this.hostMain = hostMain;
        this.changeRequests = changeRequests;
        this.gitops = gitops;
        this.transfer = transfer;
        this.updates = updates;
        this.events = events;
        this.tx = tx;
        this.system = system;
        this.clock = clock;
    }

    @EventListener
    void merged(HostEvent.PullRequestMerged event) {
        later(event.number(), id -> {
            hostMain.sync();
            String commit = event.mergeCommit() != null && transfer.mainHas(event.mergeCommit()) ? event.mergeCommit() : gitops.main();
            tx.executeWithoutResult(status -> {
                ChangeRequest cr = changeRequests.lock(id).orElseThrow();
                if (cr.state() == ChangeRequestState.MERGED) {
                    return; // merged in Chartroom, and the host followed
                }
                String by = event.by() + " (on the Git host)";
                changeRequests.markMerged(id, commit, MergeMethod.MERGE, by, clock.instant());
                changeRequests.addActivity(id, Activity.Kind.MERGED, by, "merged on the Git host as " + CommitId.shortOf(commit), clock.instant());
                events.publishEvent(new ChangeRequestMerged(id, cr.release(), commit, cr.baseCommit(), cr.environments(), by, ON_HOST, null));
            });
        });
    }

    @EventListener
    void closed(HostEvent.PullRequestClosed event) {
        later(event.number(), id -> tx.executeWithoutResult(status -> {
            ChangeRequest cr = changeRequests.lock(id).orElseThrow();
            if (!cr.open()) {
                return;
            }
            String by = event.by() + " (on the Git host)";
            changeRequests.markClosed(id, by, clock.instant());
            changeRequests.addActivity(id, Activity.Kind.CLOSED, by, "closed on the Git host", clock.instant());
            events.publishEvent(new ChangeRequestEvent("closed_on_host", cr, by, Map.of()));
        }));
    }

    @EventListener
    void reviewed(HostEvent.PullRequestReviewed event) {
        later(event.number(), id -> {
            boolean counts = gitHosts.current().map(GitHost::countHostReviews).orElse(false);
            String note = switch (event.verdict()) {
                case APPROVED -> !counts ? "approved on the Git host (host approvals do not count here: approve in Chartroom)"
                        : event.commit() == null || !event.commit().equals(changeRequests.find(id).orElseThrow().headCommit())
                        ? "approved on the Git host an earlier head (" + (event.commit() == null ? "unknown" : CommitId.shortOf(event.commit()))
                                + "): it does not count for the current one"
                        : approveAs(event.by(), id);
                case CHANGES_REQUESTED -> "requested changes on the Git host";
                case WITHDRAWN -> counts && changeRequests.dismissApprovalOf(id, event.by(), "withdrawn on the Git host", clock.instant())
                        ? "withdrew the approval on the Git host: it no longer counts" : "withdrew an approval on the Git host";
            };
            changeRequests.addActivity(id, Activity.Kind.COMMENTED, event.by() + " (on the Git host)", note, clock.instant());
        });
    }

    /**
     * An approval on the host, as the Chartroom user of that login: checked as if they clicked Approve here (role,
     * team, not an author of a commit). Why it does not count otherwise.
     */
    private String approveAs(String login, long id) {
        try {
            return system.callAsUser(login, () -> {
                changeRequestService.approve(id);
                return "approved on the Git host: counts as " + login + "'s approval";
            }).orElse("approved on the Git host; no Chartroom user is named " + login + ", so it does not count");
        } catch (org.springframework.security.access.AccessDeniedException | io.chartroom.base.error.ConflictException refused) {
            return "approved on the Git host; it does not count: " + refused.getMessage();
        }
    }

    /** The method a merge on the host is recorded with: nothing to push back to the host. */
    static final String ON_HOST = "HOST";

    private void later(long number, java.util.function.LongConsumer work) {
        worker.submit(() -> {
            try {
                system.run(() -> pullRequests.changeRequestOf(number).ifPresent(id -> {
                    work.accept(id);
                    updates.changed(id);
                }));
            } catch (RuntimeException e) {
                log.warn("Acting on pull request {} of the Git host failed: {}", number, e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
