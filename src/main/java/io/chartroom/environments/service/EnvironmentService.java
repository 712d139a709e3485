package io.chartroom.environments.service;

import io.chartroom.base.event.Audited;
import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.error.UserText;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.domain.LabelSelector;
import io.chartroom.clusters.service.ClusterService;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import io.chartroom.environments.domain.Environment;
import io.chartroom.environments.domain.EnvironmentRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Environments: admins define them (name, order, cluster selector, description); everyone sees them with
 * the clusters each one selects right now, and a warning when it selects none.
 */
@Service
public class EnvironmentService {

    static final Pattern NAME = EnvironmentsLayout.NAME;
    static final Pattern KUBE_VERSION = EnvironmentsLayout.KUBE_VERSION;

    /** An environment with the clusters it selects now, and what is worth a warning. */
    public record Targets(Environment environment, List<Cluster> clusters, List<String> warnings) {
        /** The Kubernetes versions to render for: each selected cluster's, or the environment's default. */
        public Set<String> kubeVersions() {
            Set<String> versions = new LinkedHashSet<>();
            clusters.forEach(c -> versions.add(c.kubeVersionOr(environment.kubeVersion())));
            if (versions.isEmpty()) {
                versions.add(environment.kubeVersion());
            }
            return versions;
        }
    }

    /**
     * What an admin enters. {@code position} null: after the last one.
     *
     * @param selfHeal  repair drift automatically (default: yes)
     * @param pruneCrds delete a release's CRDs with it (default: no, as Helm)
     */
    public record Draft(String name, Integer position, String description, String clusterSelector, String kubeVersion, Boolean selfHeal,
                        Boolean pruneCrds) {
        public Draft(String name, Integer position, String description, String clusterSelector, String kubeVersion) {
            this(name, position, description, clusterSelector, kubeVersion, null, null);
        }
    }

    private final EnvironmentRepository environments;
    private final ClusterService clusters;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final EnvironmentsFile file;
    private final GitOpsRepository gitops;
    private final Clock clock;

    public EnvironmentService(EnvironmentRepository environments, ClusterService clusters, CurrentUser currentUser,
                              ApplicationEventPublisher events, EnvironmentsFile file, GitOpsRepository gitops, Clock clock) {
        this.environments = environments;
        this.clusters = clusters;
        this.currentUser = currentUser;
        this.events = events;
        this.file = file;
        this.gitops = gitops;
        this.clock = clock;
    }

    public List<Environment> list() {
        currentUser.require(Role.VIEWER);
        return environments.findAll();
    }

    public Environment get(String name) {
        currentUser.require(Role.VIEWER);
        return environments.find(name).orElseThrow(() -> new NotFoundException("environment " + name + " does not exist"));
    }

    public List<Targets> targets() {
        currentUser.require(Role.VIEWER);
        return environments.findAll().stream().map(this::targetsOf).toList();
    }

    public Targets targets(String name) {
        return targetsOf(get(name));
    }

    private Targets targetsOf(Environment e) {
        List<Cluster> selected = clusters.select(LabelSelector.parse(e.clusterSelector()));
        List<String> warnings = selected.isEmpty()
                ? List.of("selects no cluster (" + e.clusterSelector() + "): releases in " + e.name() + " are rendered with Kubernetes "
                        + e.kubeVersion() + " but not applied anywhere")
                : List.of();
        return new Targets(e, selected, warnings);
    }

    /** How environments.yaml describes them, in order. */
    public List<EnvironmentDefinition> definitions() {
        currentUser.require(Role.VIEWER);
        return environments.findAll().stream()
                .map(e -> new EnvironmentDefinition(e.name(), e.description(), e.clusterSelector(), e.kubeVersion(), null, null, null)).toList();
    }

    @Transactional
    @Audited(value = "environment.created", targetType = "environment")
    public Environment create(Draft draft) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        validate(draft);
        file.requireWritable();
        Environment e = new Environment(draft.name(), draft.position() != null ? draft.position() : environments.nextPosition(),
                Objects.requireNonNullElse(draft.description(), ""), draft.clusterSelector().strip(),
                normalizeVersion(draft.kubeVersion()), draft.selfHeal() == null || draft.selfHeal(), Boolean.TRUE.equals(draft.pruneCrds()),
                clock.instant(), admin.username());
        try {
            environments.insert(e, clock.instant());
        } catch (DuplicateKeyException exists) {
            throw InvalidInputException.of("name", "an environment named " + draft.name() + " already exists");
        }
        events.publishEvent(AuditEntry.of("environment.created", admin.username()).target("environment", e.name())
                .environment(e.name()).detail("clusterSelector", e.clusterSelector()).detail("position", e.position()).build());
        file.write(admin.username(), "Add environment " + e.name());
        return e;
    }

    @Transactional
    @Audited(value = "environment.changed", targetType = "environment")
    public Environment update(String name, Draft draft) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        Environment old = environments.find(name).orElseThrow(() -> new NotFoundException("environment " + name + " does not exist"));
        file.requireWritable();
        validate(new Draft(name, draft.position(), draft.description(), draft.clusterSelector(), draft.kubeVersion(), draft.selfHeal(),
                draft.pruneCrds()));
        Environment e = new Environment(name, draft.position() != null ? draft.position() : old.position(),
                Objects.requireNonNullElse(draft.description(), ""), draft.clusterSelector().strip(),
                normalizeVersion(draft.kubeVersion()), draft.selfHeal() == null ? old.selfHeal() : draft.selfHeal(),
                draft.pruneCrds() == null ? old.pruneCrds() : draft.pruneCrds(), clock.instant(), admin.username());
        environments.update(e, clock.instant());
        List<String> changed = new ArrayList<>();
        if (old.position() != e.position()) changed.add("position");
        if (!old.description().equals(e.description())) changed.add("description");
        if (!old.clusterSelector().equals(e.clusterSelector())) changed.add("clusterSelector: " + old.clusterSelector() + " -> " + e.clusterSelector());
        if (!old.kubeVersion().equals(e.kubeVersion())) changed.add("kubeVersion: " + old.kubeVersion() + " -> " + e.kubeVersion());
        if (old.selfHeal() != e.selfHeal()) changed.add("selfHeal: " + old.selfHeal() + " -> " + e.selfHeal());
        if (old.pruneCrds() != e.pruneCrds()) changed.add("pruneCrds: " + old.pruneCrds() + " -> " + e.pruneCrds());
        events.publishEvent(AuditEntry.of("environment.changed", admin.username()).target("environment", name)
                .environment(name).detail("changes", changed).build());
        file.write(admin.username(), "Change environment " + name);
        return e;
    }

    @Transactional
    @Audited(value = "environment.removed", targetType = "environment")
    public void remove(String name) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        file.requireWritable();
        String main = gitops.main();
        List<String> users = gitops.releaseNames(main).stream()
                .filter(r -> gitops.release(main, r).map(d -> d.environments().contains(name)).orElse(false)).toList();
        if (!users.isEmpty()) {
            throw new ConflictException("environment " + name + " still runs " + users.size() + " release(s): "
                    + String.join(", ", users.subList(0, Math.min(users.size(), 10))) + "; remove it from them first");
        }
        if (!environments.delete(name)) {
            throw new NotFoundException("environment " + name + " does not exist");
        }
        events.publishEvent(AuditEntry.of("environment.removed", admin.username()).target("environment", name).environment(name).build());
        file.write(admin.username(), "Remove environment " + name);
    }

    private void validate(Draft d) {
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        if (d.name() == null || !NAME.matcher(d.name()).matches()) {
            problems.add(new InvalidInputException.Problem("name", "use lowercase letters, digits and dashes (1-30 characters)"));
        }
        try {
            LabelSelector.parse(d.clusterSelector());
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidInputException.Problem("clusterSelector", e.getMessage()));
        }
        if (d.kubeVersion() == null || !KUBE_VERSION.matcher(d.kubeVersion().strip()).matches()) {
            problems.add(new InvalidInputException.Problem("kubeVersion", "a Kubernetes version such as 1.31 or v1.31.2"));
        }
        if (d.description() != null) {
            try {
                UserText.singleLine("description", d.description(), UserText.SHORT);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
            if (d.description().contains("{{") || d.description().contains("}}")) {
                problems.add(new InvalidInputException.Problem("description", "must not hold {{ or }} (template markers)"));
            }
        }
        if (d.position() != null && d.position() < 0) {
            problems.add(new InvalidInputException.Problem("position", "must not be negative"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static String normalizeVersion(String version) {
        String v = version.strip();
        return v.startsWith("v") ? v : "v" + v;
    }
}
