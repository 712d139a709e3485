package io.chartroom.changes.service;

import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.changes.domain.MergeMethod;
import io.chartroom.githost.service.PullRequests;
import io.chartroom.security.service.SystemActor;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps each change request's pull request on the Git host in step, after the change request's transaction
 * committed: opened, new commits, approvals and reopening publish the review; closing closes it; a merge pushes
 * main (a squash closes it). One worker in order, each step retried with back-off; a step that still fails is in
 * the audit log and on the pull request's link. Without a Git host every step is a no-op.
 */
@Component
class PullRequestPublishing {

    private static final Logger log = LoggerFactory.getLogger(PullRequestPublishing.class);
    private static final Set<String> PUBLISHED = Set.of("opened", "committed", "updated", "reopened", "approved");

    private final PullRequests pullRequests;
    private final ChangeRequestRepository changeRequests;
    private final ApprovalPolicies policies;
    private final SystemActor system;
    private final ChangeRequestUpdates updates;
    private final String publicUrl;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("pull-requests").daemon().factory());
    private final RetryTemplate retry = new RetryTemplate(RetryPolicy.builder().maxRetries(3).delay(Duration.ofSeconds(1)).multiplier(2).build());

    PullRequestPublishing(PullRequests pullRequests, ChangeRequestRepository changeRequests, ApprovalPolicies policies, SystemActor system,
                          ChangeRequestUpdates updates, @Value("${chartroom.public-url:http://localhost:8080}") String publicUrl) {
        this.pullRequests = pullRequests;
        this.changeRequests = changeRequests;
        this.policies = policies;
        this.system = system;
        this.updates = updates;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @TransactionalEventListener
    void changed(ChangeRequestEvent event) {
        long id = event.changeRequest().id();
        if (PUBLISHED.contains(event.action())) {
            submit(id, "publish", () -> publish(id));
        } else if (event.action().equals("closed")) {
            submit(id, "close", () -> pullRequests.close(id));
        }
    }

    @TransactionalEventListener
    void merged(ChangeRequestMerged event) {
        if (HostPullRequestEvents.ON_HOST.equals(event.method())) {
            return; // the host merged it: nothing to push back
        }
        boolean squashed = MergeMethod.SQUASH.name().equals(event.method());
        submit(event.changeRequestId(), "merge", () -> pullRequests.merged(event.changeRequestId(), squashed));
    }

    private void publish(long id) {
        if (!pullRequests.hostConfigured()) {
            return; // the embedded default: no comment to build
        }
        ChangeRequest cr = changeRequests.find(id).orElseThrow();
        ChangeReview review = changeRequests.review(id).orElse(null);
        if (review == null || !cr.open()) {
            return;
        }
        String page = publicUrl + "/change-requests/" + id;
        PolicyStatus policy = ApprovalRules.evaluate(cr, changeRequests.approvals(id), policies.applicable(cr));
        String body = (cr.description().isBlank() ? "" : cr.description() + "\n\n---\n")
                + "Opened in Chartroom by " + cr.author() + " as [change request #" + id + "](" + page + "). Review and approve there or here.";
        pullRequests.publish(new PullRequests.Content(id, cr.branch(), cr.headCommit(), cr.title(), body,
                ReviewComment.markdown(cr, review, policy, page), ReviewComment.statuses(review, page)));
    }

    private void submit(long id, String step, Runnable work) {
        worker.submit(() -> {
            try {
                retry.execute(() -> {
                    system.run(work); // Chartroom's own work: services see the SYSTEM identity
                    return null;
                });
                updates.changed(id); // open pages show the pull request's link
            } catch (RetryException e) {
                String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
                log.warn("Could not {} the pull request of change request #{} on the Git host: {}", step, id, why);
                system.run(() -> pullRequests.gaveUp(id, step, why));
                updates.changed(id);
            }
        });
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
