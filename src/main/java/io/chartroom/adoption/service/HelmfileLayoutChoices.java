package io.chartroom.adoption.service;

import io.chartroom.adoption.domain.KeptHelmfileLayout;
import io.chartroom.adoption.domain.KeptHelmfileLayoutRepository;
import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.Audited;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.MainMoved;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.reconcile.service.Reconciler;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The ADMIN's way forward for a team's helmfile repository (issue 20, item 4a): keep its layout. Chartroom then reads
 * its releases the helmfile way ({@link KeptHelmfileReading}), shows and reconciles them, and changes them only by
 * editing values in place through change requests; nothing in Chartroom's layout is written to it. Kept only when every
 * release of main can be read so (each chart in a registered repository, no literal secret): else each problem is named.
 */
@Service
public class HelmfileLayoutChoices {

    /**
     * The team that owns the releases (another per release in {@code teams}, by the name Chartroom lists it under), and
     * each helmfile environment's cluster selector and Kubernetes version.
     */
    public record KeepRequest(@Nullable String team, @Nullable Map<String, String> teams, @Nullable Map<String, String> clusterSelectors,
                              @Nullable Map<String, String> kubeVersions) {}

    /** The choice as it stands, with the releases main holds read so, or why main cannot be read so now. */
    public record Kept(String team, Map<String, String> teams, List<KeptHelmfileLayout.Environment> environments, List<String> releases,
                       String chosenBy, String chosenAt, @Nullable String problem) {}

    private final KeptHelmfileLayoutRepository choices;
    private final KeptHelmfileReading reading;
    private final ConversionComparer comparer;
    private final RepositoryCheck repositoryCheck;
    private final GitOpsRepository gitops;
    private final CurrentUser currentUser;
    private final Reconciler reconciler;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    HelmfileLayoutChoices(KeptHelmfileLayoutRepository choices, KeptHelmfileReading reading, ConversionComparer comparer, RepositoryCheck repositoryCheck,
                          GitOpsRepository gitops, CurrentUser currentUser, Reconciler reconciler, ApplicationEventPublisher events, Clock clock) {
        this.comparer = comparer;
        this.choices = choices;
        this.reading = reading;
        this.repositoryCheck = repositoryCheck;
        this.gitops = gitops;
        this.currentUser = currentUser;
        this.reconciler = reconciler;
        this.events = events;
        this.clock = clock;
    }

    /** The layout kept, if an ADMIN chose to keep it (VIEWER). */
    public Optional<Kept> current() {
        currentUser.require(Role.VIEWER);
        return choices.find().map(this::describe);
    }

    @Audited(value = "repository.helmfile_layout_kept", targetType = "repository", target = -1)
    public Kept keep(KeepRequest request) {
        UserIdentity user = currentUser.require(Role.ADMIN);
        String main = gitops.main();
        if (repositoryCheck.readsAsWritten(main)) {
            throw new ConflictException("main is in Chartroom's layout: there is no helmfile layout to keep");
        }
        if (request.team() == null || request.team().isBlank()) {
            throw InvalidInputException.of("team", "the team that will own the releases");
        }
        if (request.clusterSelectors() != null) {
            request.clusterSelectors().keySet().stream().filter(name -> !EnvironmentsLayout.NAME.matcher(name).matches()).findFirst()
                    .ifPresent(name -> {
                        throw InvalidInputException.of("clusterSelectors." + name, "not a helmfile environment Chartroom can take");
                    });
        }
        Map<String, String> selectors = request.clusterSelectors() == null ? Map.of() : request.clusterSelectors();
        Map<String, String> versions = request.kubeVersions() == null ? Map.of() : request.kubeVersions();
        List<KeptHelmfileLayout.Environment> environments = selectors.entrySet().stream()
                .map(e -> new KeptHelmfileLayout.Environment(e.getKey(), e.getValue() == null ? "" : e.getValue().strip(),
                        versions.getOrDefault(e.getKey(), HelmfileEnvironments.KUBE_VERSION).strip()))
                .toList();
        Map<String, String> teams = new java.util.TreeMap<>();
        if (request.teams() != null) {
            request.teams().forEach((release, team) -> {
                if (team == null || team.isBlank()) {
                    throw InvalidInputException.of("teams." + release, "the team that will own " + release);
                }
                teams.put(release, team.strip());
            });
        }
        KeptHelmfileLayout kept = new KeptHelmfileLayout(request.team().strip(), teams, environments, user.username(), clock.instant());
        // read main as it will be read once kept: every problem (an environment without a selector, a chart no registered
        // repository has, a literal secret) is answered now, and nothing is kept
        Map<String, String> files = reading.files(main, kept);
        List<String> releases = files.keySet().stream().filter(path -> path.startsWith("releases/")).map(path -> path.split("/")[1]).distinct().toList();
        // and rendered both ways, as a conversion is: kept only when Chartroom would apply what helmfile renders, everywhere
        String asRead = gitops.commit(null, new java.util.TreeMap<>(files), gitops.system(), "main " + main + " as the kept layout would read it");
        List<String> differences = ConversionComparer.differences(comparer.compare(main, asRead, null));
        if (!differences.isEmpty()) {
            throw new InvalidInputException(differences.stream().map(d -> new InvalidInputException.Problem("releases", d)).toList());
        }
        choices.save(kept);
        reading.forget();
        reading.remember(main, choices.find().orElseThrow(), files); // for the pages and the reconciler that follow
        reconciler.wake();
        events.publishEvent(AuditEntry.of("repository.helmfile_layout_kept", user.username()).detail("commit", main).detail("team", kept.team())
                .detail("teams", teams)
                .detail("environments", environments.stream().map(e -> e.name() + " (" + e.clusterSelector() + ")").toList())
                .detail("releases", releases).build());
        return describe(choices.find().orElseThrow());
    }

    /** Stops keeping the layout: the repository is read only as it is again (read-only until converted or kept again). */
    @Audited(value = "repository.helmfile_layout_released", targetType = "repository", target = -1)
    public void stopKeeping() {
        UserIdentity user = currentUser.require(Role.ADMIN);
        KeptHelmfileLayout kept = choices.find().orElseThrow(() -> new NotFoundException("no helmfile layout is kept"));
        choices.delete();
        reading.forget();
        reconciler.wake();
        events.publishEvent(AuditEntry.of("repository.helmfile_layout_released", user.username()).detail("team", kept.team()).build());
    }

    /**
     * Main moved into Chartroom's layout (a conversion merged): the choice is done with, so that a later unreadable main
     * is not read with selectors chosen for another.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void mainMoved(MainMoved event) {
        if (repositoryCheck.readsAsWritten(event.current()) && choices.find().isPresent()) {
            choices.delete();
            reading.forget();
            events.publishEvent(AuditEntry.of("repository.helmfile_layout_released", "system").detail("commit", event.current())
                    .detail("reason", "main is in Chartroom's layout").build());
        }
    }

    /** The choice, with the releases main holds read so; none, with why, while main cannot be read that way. */
    private Kept describe(KeptHelmfileLayout kept) {
        List<String> releases = List.of();
        String problem = null;
        try {
            releases = gitops.releaseNames(gitops.main());
        } catch (InvalidInputException unreadable) {
            problem = "main cannot be read as the kept layout: " + unreadable.getMessage();
        }
        return new Kept(kept.team(), kept.teams(), kept.environments(), releases, kept.chosenBy(), kept.chosenAt().toString(), problem);
    }
}
