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
        Optional<Long> known = pullRequests.changeRequestOf(event.number());
        if (known.isPresent()) {
            ChangeRequest cr = changeRequests.find(known.get()).orElseThrow();
            boolean handOpened = pullRequests.link(cr.id()).map(PullRequestLink::adopted).orElse(false);
            if (handOpened && cr.open() && !cr.headCommit().equals(event.head())) {
                String head = pullRequests.fetchBranch(event.branch());
                opening.newHead(cr, cr.baseCommit(), head, cr.title(), cr.description(), author(event.by()), "committed",
                        "new commit on the Git host " + head.substring(0, 12));
            }
            return; // Chartroom's own pull request: its branch moves from here
        }
        String head = pullRequests.fetchBranch(event.branch());
        try {
            Adoption adoption = adoption(head);
            UserIdentity author = author(event.by());
            String title = event.title().isBlank() ? "Pull request " + event.number() + " from the Git host" : event.title().strip();
            opening.open(adoption.kind(), adoption.release(), adoption.team(), title, event.body(), gitops.main(), head, null, author,
                    cr -> pullRequests.adopt(cr.id(), event.number(), event.url(), event.branch()));
        } catch (ConflictException refused) {
            pullRequests.commentOn(event.number(), "Chartroom cannot take this pull request as a change request: " + refused.getMessage());
        }
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
        ChangeKind kind = after.isEmpty() ? ChangeKind.DELETE : before.isEmpty() ? ChangeKind.CREATE : ChangeKind.UPDATE;
        return new Adoption(kind, name, after.or(() -> before).map(ReleaseDescription::team).orElse(null));
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
