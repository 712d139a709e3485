package io.chartroom.githost.service;

import io.chartroom.base.error.ConflictException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.githost.domain.PullRequestLink;
import io.chartroom.githost.domain.PullRequestLinkRepository;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.HostTransfer;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Change requests as pull/merge requests on the Git host: the branch pushed, the pull request opened once, one
 * comment with Chartroom's review edited in place on every new head (as Atlantis does with plans), a commit status
 * per environment, and closed when the change request is. Without a Git host nothing happens. {@link #publish},
 * {@link #merged} and {@link #close} are Chartroom's own work, run as SYSTEM by its listeners after the change
 * request's transaction committed (an ADMIN may run them too).
 */
@Service
public class PullRequests {

    /** What a change request shows on the host; {@code branch} without refs/heads/. */
    public record Content(long changeRequestId, String branch, String headCommit, String title, String body, String review,
                          List<CommitStatus> statuses) {}

    /** The base branch pull requests go into: Chartroom's main. */
    static final String BASE = "main";

    private final GitHosts hosts;
    private final PullRequestLinkRepository links;
    private final HostTransfer transfer;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public PullRequests(GitHosts hosts, PullRequestLinkRepository links, HostTransfer transfer, CurrentUser currentUser,
                        ApplicationEventPublisher events, Clock clock) {
        this.hosts = hosts;
        this.links = links;
        this.transfer = transfer;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** The change request's pull request on the host, if it has one. */
    public Optional<PullRequestLink> link(long changeRequestId) {
        currentUser.require(Role.VIEWER);
        return links.find(changeRequestId);
    }

    /** Whether a Git host is configured. */
    public boolean hostConfigured() {
        currentUser.require(Role.VIEWER);
        return hosts.configured();
    }

    /**
     * Merges the change request's pull request on the host (its branch protection applies) at exactly {@code head};
     * the merge commit. A refusal is a conflict that says what the host said. The caller checked who may merge.
     */
    public String merge(long changeRequestId, String head, boolean squash, String title) {
        currentUser.require(Role.DEVELOPER);
        GitHosts.Connected host = hosts.connected().orElseThrow(() -> new ConflictException("no Git host is configured"));
        PullRequestLink link = links.find(changeRequestId).filter(l -> onHost(l, host)).orElseThrow(() -> new ConflictException(
                "change request #" + changeRequestId + " has no pull request on the Git host yet: try again in a moment"));
        try {
            return host.api().merge(host.host(), host.token(), link.number(), head, squash, title);
        } catch (HostHttp.HostRefused refused) {
            throw new ConflictException("the Git host refused to merge pull request " + link.number() + ": " + refused.getMessage());
        }
    }

    /** Fetches a branch of the host (a pull request opened there by hand); the commit it points at. */
    public String fetchBranch(String branch) {
        currentUser.require(Role.ADMIN);
        GitHosts.Connected host = hosts.connected().orElseThrow(() -> new ConflictException("no Git host is configured"));
        return transfer.fetch(host.api().cloneUrl(host.host(), host.token()), host.api().pushUser(), host.token(), branch);
    }

    /** Links a pull request opened by hand on the host to the change request it became (in the opening's transaction). */
    public void adopt(long changeRequestId, long number, String url, String branch) {
        currentUser.require(Role.ADMIN);
        GitHosts.Connected host = hosts.connected().orElseThrow(() -> new ConflictException("no Git host is configured"));
        links.adopted(changeRequestId, host.host().kind(), host.host().repository(), number, url, branch, clock.instant());
    }

    /** Tells a pull request on the host something (why it cannot become a change request). */
    public void commentOn(long number, String markdown) {
        currentUser.require(Role.ADMIN);
        hosts.connected().ifPresent(host -> host.api().comment(host.host(), host.token(), number, markdown));
    }

    /** The change request a pull request on the configured host belongs to. */
    public Optional<Long> changeRequestOf(long number) {
        currentUser.require(Role.VIEWER);
        return hosts.connected().flatMap(c -> links.findByNumber(c.host().kind(), c.host().repository(), number))
                .map(PullRequestLink::changeRequestId);
    }

    /** Pushes the branch and opens or updates the pull request, its review comment and its statuses; empty without a host. */
    public Optional<PullRequestLink> publish(Content content) {
        currentUser.require(Role.ADMIN);
        Optional<GitHosts.Connected> connected = hosts.connected();
        if (connected.isEmpty()) {
            return Optional.empty();
        }
        GitHosts.Connected host = connected.get();
        try {
            Optional<PullRequestLink> known = links.find(content.changeRequestId())
                    .filter(l -> l.kind() == host.host().kind() && l.repository().equals(host.host().repository()));
            if (known.isEmpty() || !known.get().adopted()) { // an adopted pull request's branch is the host's own
                transfer.push(host.api().cloneUrl(host.host(), host.token()), host.api().pushUser(), host.token(), "refs/heads/" + content.branch());
            }
            PullRequestLink link = known.orElseGet(() -> open(host, content));
            long comment;
            if (link.commentId() == null) {
                comment = host.api().comment(host.host(), host.token(), link.number(), content.review());
                links.commented(content.changeRequestId(), comment); // kept at once: a retry edits it rather than adding another
            } else {
                comment = link.commentId();
                host.api().editComment(host.host(), host.token(), link.number(), comment, content.review());
            }
            for (CommitStatus status : content.statuses()) {
                host.api().status(host.host(), host.token(), content.headCommit(), status);
            }
            links.published(content.changeRequestId(), comment, content.headCommit(), clock.instant());
            return links.find(content.changeRequestId());
        } catch (RuntimeException e) {
            failed(content.changeRequestId(), e);
            throw e;
        }
    }

    private PullRequestLink open(GitHosts.Connected host, Content content) {
        PullRequest created = host.api().open(host.host(), host.token(), content.branch(), BASE, content.title(), content.body());
        links.opened(content.changeRequestId(), host.host().kind(), host.host().repository(), created.number(), created.url(), clock.instant());
        events.publishEvent(AuditEntry.of("pull_request.opened", "system").target("change_request", content.changeRequestId())
                .changeRequest(content.changeRequestId()).detail("url", created.url()).detail("number", created.number()).build());
        return links.find(content.changeRequestId()).orElseThrow();
    }

    /**
     * A change request merged in Chartroom: main pushed to the host, so a merge commit marks the pull request merged
     * there; a squash does not contain the branch's commit, so its pull request is closed.
     */
    public void merged(long changeRequestId, boolean squashed) {
        currentUser.require(Role.ADMIN);
        Optional<GitHosts.Connected> connected = hosts.connected();
        if (connected.isEmpty() || links.find(changeRequestId).filter(l -> onHost(l, connected.get())).isEmpty()) {
            return;
        }
        GitHosts.Connected host = connected.get();
        try {
            transfer.push(host.api().cloneUrl(host.host(), host.token()), host.api().pushUser(), host.token(), GitOpsRepository.MAIN);
        } catch (RuntimeException e) {
            failed(changeRequestId, e);
            throw e;
        }
        if (squashed) {
            close(changeRequestId);
        }
    }

    /** Closes the change request's pull request on the host (closed or merged in Chartroom by squash). */
    public void close(long changeRequestId) {
        currentUser.require(Role.ADMIN);
        Optional<GitHosts.Connected> connected = hosts.connected();
        Optional<PullRequestLink> link = links.find(changeRequestId).filter(l -> connected.isPresent() && onHost(l, connected.get()));
        if (link.isEmpty()) {
            return;
        }
        try {
            connected.get().api().close(connected.get().host(), connected.get().token(), link.get().number());
        } catch (RuntimeException e) {
            failed(changeRequestId, e);
            throw e;
        }
    }

    /** A link to the configured host's repository (not one from before an admin moved the host). */
    private static boolean onHost(PullRequestLink link, GitHosts.Connected host) {
        return link.kind() == host.host().kind() && link.repository().equals(host.host().repository());
    }

    private void failed(long changeRequestId, RuntimeException e) {
        links.failed(changeRequestId, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), clock.instant());
    }

    /** A step that failed after its retries: in the audit log, for admins to see, once. */
    public void gaveUp(long changeRequestId, String step, String why) {
        currentUser.require(Role.ADMIN);
        events.publishEvent(AuditEntry.of("pull_request.failed", "system").target("change_request", changeRequestId)
                .changeRequest(changeRequestId).detail("step", step).failed(why).build());
    }
}
