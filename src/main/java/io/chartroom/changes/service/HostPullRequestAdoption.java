package io.chartroom.changes.service;

import io.chartroom.base.error.ConflictException;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.HostTransfer;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.githost.domain.PullRequestLink;
import io.chartroom.githost.service.HostEvent;
import io.chartroom.githost.service.PullRequests;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.SystemActor;
import jakarta.annotation.PreDestroy;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A pull request opened by hand on the Git host becomes a change request, with its checks and diffs, when its
 * branch reads back strictly: based on main, changing release directories (one release, or several as a bulk
 * change) or environments.yaml, every file in Chartroom's layout. Otherwise the pull request is told why, on the
 * host. New commits on it become new heads of the change request (approvals dismissed), as pushes do here.
 */
@Component
class HostPullRequestAdoption {

    private static final Logger log = LoggerFactory.getLogger(HostPullRequestAdoption.class);
    private static final String RELEASES = "releases/";

    private final PullRequests pullRequests;
    private final ChangeRequestOpening opening;
    private final ChangeRequestRepository changeRequests;
    private final GitOpsRepository gitops;
    private final HostTransfer transfer;
    private final RepositoryCheck check;
    private final SystemActor system;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("host-adoption").daemon().factory());

    HostPullRequestAdoption(PullRequests pullRequests, ChangeRequestOpening opening, ChangeRequestRepository changeRequests, GitOpsRepository gitops,
                            HostTransfer transfer, RepositoryCheck check, SystemActor system) {
        this.pullRequests = pullRequests;
        this.opening = opening;
        this.changeRequests = changeRequests;
        this.gitops = gitops;
        this.transfer = transfer;
        this.check = check;
        this.system = system;
    }

    @EventListener
    void opened(HostEvent.PullRequestOpened event) {
        worker.submit(() -> {
            try {
                system.run(() -> adoptOrUpdate(event));
            } catch (RuntimeException e) {
                log.warn("Pull request {} of the Git host could not become a change request: {}", event.number(), e.getMessage());
            }
        });
    }

    private void adoptOrUpdate(HostEvent.PullRequestOpened event) {
        if (event.branch().startsWith("cr/")) {
            return; // Chartroom's own pull requests: their branches move from here
        }
        Optional<Long> known = pullRequests.changeRequestOf(event.number());
        if (known.isPresent() && !pullRequests.link(known.get()).map(PullRequestLink::adopted).orElse(false)) {
            return;
        }
        if (!event.sameRepository()) {
            refuse(event, "it comes from a fork: push the branch to the repository itself");
            return;
        }
        String head = pullRequests.fetchBranch(event.branch());
        if (!head.equals(event.head())) {
            return; // the branch moved again meanwhile: its next event brings the head
        }
        try {
            Adoption adoption = adoption(head);
            if (known.isPresent()) {
                newHead(changeRequests.find(known.get()).orElseThrow(), adoption, head, event);
                return;
            }
            String title = event.title().isBlank() ? "Pull request " + event.number() + " from the Git host" : event.title().strip();
            opening.open(adoption.kind(), adoption.release(), adoption.team(), title, event.body(), gitops.main(), head, null, author(event.by()),
                    cr -> pullRequests.adopt(cr.id(), event.number(), event.url(), event.branch()));
        } catch (ConflictException refused) {
            refuse(event, refused.getMessage());
        }
    }

    /**
     * New commits on an adopted pull request: read as strictly as the first, and they must still change what the change
     * request is about (its kind, release and team); credited to whoever pushed them, who then may not approve.
     */
    private void newHead(ChangeRequest cr, Adoption adoption, String head, HostEvent.PullRequestOpened event) {
        if (!cr.open() || cr.headCommit().equals(head)) {
            return;
        }
        if (adoption.kind() != cr.kind() || !java.util.Objects.equals(adoption.release(), cr.release())
                || !java.util.Objects.equals(adoption.team(), cr.team())) {
            throw new ConflictException("the new commits change what change request #" + cr.id() + " is about (" + adoption.kind().name().toLowerCase()
                    + (adoption.release() == null ? "" : " " + adoption.release()) + " instead of " + cr.kind().name().toLowerCase()
                    + (cr.release() == null ? "" : " " + cr.release()) + "): open another pull request for that");
        }
        opening.newHead(cr, gitops.main(), head, cr.title(), cr.description(), author(event.pusher()), "committed",
                "new commit on the Git host " + head.substring(0, 12) + " by " + event.pusher());
    }

    private void refuse(HostEvent.PullRequestOpened event, String why) {
        pullRequests.commentOn(event.number(), "Chartroom cannot take this pull request as a change request: " + why);
    }

    private record Adoption(ChangeKind kind, String release, String team) {}

    /** What the branch changes, read strictly; a conflict that says why when Chartroom cannot take it. */
    private Adoption adoption(String head) {
        String main = gitops.main();
        if (!transfer.isAncestor(main, head)) {
            throw new ConflictException("the branch is not based on main (" + main.substring(0, 12) + "): update it from main");
        }
        check.requireReadable(head, "adopt it");
        Map<String, String> changed = gitops.changes(main, head, "");
        Set<String> releases = changed.keySet().stream().filter(p -> p.startsWith(RELEASES))
                .map(p -> p.split("/")[1]).collect(Collectors.toCollection(TreeSet::new));
        boolean environments = changed.containsKey(RepositoryLayout.ENVIRONMENTS);
        Set<String> other = changed.keySet().stream().filter(p -> !p.startsWith(RELEASES) && !p.equals(RepositoryLayout.ENVIRONMENTS))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!other.isEmpty()) {
            throw new ConflictException("it changes files outside releases/ and environments.yaml: " + String.join(", ", other));
        }
        if (environments && !releases.isEmpty() || !environments && releases.isEmpty()) {
            throw new ConflictException(environments ? "it changes environments.yaml and releases together: one change request does one"
                    : "it changes nothing Chartroom deploys");
        }
        if (environments) {
            return new Adoption(ChangeKind.ENVIRONMENTS, null, null);
        }
        if (releases.size() > 1) {
            return new Adoption(ChangeKind.BULK, null, null);
        }
        String name = releases.iterator().next();
        Optional<ReleaseDescription> before = gitops.release(main, name);
        Optional<ReleaseDescription> after = gitops.release(head, name);
        if (before.isPresent() && after.isPresent() && !java.util.Objects.equals(before.get().team(), after.get().team())) {
            // the owning team decides who approves and merges: it changes only through Chartroom's own editor
            throw new ConflictException("it changes the owning team of " + name + " (" + before.get().team() + " to " + after.get().team() + ")");
        }
        ChangeKind kind = after.isEmpty() ? ChangeKind.DELETE : before.isEmpty() ? ChangeKind.CREATE : ChangeKind.UPDATE;
        return new Adoption(kind, name, before.or(() -> after).map(ReleaseDescription::team).orElse(null));
    }

    /** The host's login as the change request's author: whoever it names may not approve it here either. */
    private static UserIdentity author(String login) {
        return new UserIdentity(login, login + " (on the Git host)", EnumSet.of(Role.DEVELOPER), new TreeSet<>());
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
