package io.chartroom.environments.service;

import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.event.Audited;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.domain.LabelSelector;
import io.chartroom.clusters.service.ClusterService;
import io.chartroom.environments.domain.Environment;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Environments as main's environments.yaml describes them: everyone sees them with the clusters each selects
 * right now (and a warning when it selects none); the reconciler reads them at the commit it reconciles. ADMINs
 * change them by proposing a change request on the file, which applies when it merges: never directly.
 */
@Service
public class EnvironmentService {

    /** An environment with the clusters it selects now, and what is worth a warning. */
    public record Targets(Environment environment, List<Cluster> clusters, List<String> warnings) {
        /** The names of the clusters it selects, for those that need no more of them. */
        public List<String> clusterNames() {
            return clusters.stream().map(Cluster::name).toList();
        }

        /** The Kubernetes versions to render for: each selected cluster's, or the environment's default. */
        public Set<String> kubeVersions() {
            Set<String> versions = new LinkedHashSet<>();
            clusters.forEach(c -> versions.add(environment.kubeVersionOn(c)));
            if (versions.isEmpty()) {
                versions.add(environment.kubeVersion());
            }
            return versions;
        }
    }

    /**
     * What an admin enters. {@code position} null: after the last one (or where it is, for a change).
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

    private final EnvironmentsAtCommit files;
    private final EnvironmentChanges changes;
    private final ClusterService clusters;
    private final GitOpsRepository gitops;
    private final RepositoryCheck repositoryCheck;
    private final CurrentUser currentUser;
    private final ObjectProvider<EnvironmentSubmissions> submissions;

    public EnvironmentService(EnvironmentsAtCommit files, ClusterService clusters, GitOpsRepository gitops, RepositoryCheck repositoryCheck,
                              CurrentUser currentUser, ObjectProvider<EnvironmentSubmissions> submissions) {
        this.files = files;
        this.changes = new EnvironmentChanges();
        this.clusters = clusters;
        this.gitops = gitops;
        this.repositoryCheck = repositoryCheck;
        this.currentUser = currentUser;
        this.submissions = submissions;
    }

    /** The environments on main, in order. */
    public List<Environment> list() {
        currentUser.require(Role.VIEWER);
        return files.at(gitops.main());
    }

    /** The environments as a commit of main describes them: what the reconciler applies at that commit. */
    public List<Environment> at(String commit) {
        currentUser.require(Role.VIEWER);
        return files.at(commit);
    }

    public Environment get(String name) {
        return list().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("environment " + name + " does not exist"));
    }

    public List<Targets> targets() {
        return list().stream().map(this::targetsOf).toList();
    }

    public Targets targets(String name) {
        return targetsOf(get(name));
    }

    /** Each environment at the commit with the clusters its selector picks now. */
    public List<Targets> targetsAt(String commit) {
        return at(commit).stream().map(this::targetsOf).toList();
    }

    private Targets targetsOf(Environment e) {
        List<Cluster> selected = clusters.select(LabelSelector.parse(e.clusterSelector()));
        List<String> warnings = selected.isEmpty()
                ? List.of("selects no cluster (" + e.clusterSelector() + "): releases in " + e.name() + " are rendered with Kubernetes "
                        + e.kubeVersion() + " but not applied anywhere")
                : List.of();
        return new Targets(e, selected, warnings);
    }

    /** Proposes a new environment (ADMIN): the change request's id. */
    @Audited(value = "change_request.opened", targetType = "environment")
    public long proposeCreate(Draft draft, Proposal proposal) {
        List<Environment> now = writable();
        if (now.stream().anyMatch(e -> e.name().equals(draft.name()))) {
            throw InvalidInputException.of("name", "an environment named " + draft.name() + " already exists");
        }
        return submit(changes.created(now, draft), "Add environment " + draft.name(), proposal);
    }

    /** Proposes a change of an environment's settings or place (ADMIN). */
    @Audited(value = "change_request.opened", targetType = "environment")
    public long proposeUpdate(String name, Draft draft, Proposal proposal) {
        List<Environment> now = writable();
        Environment old = now.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("environment " + name + " does not exist"));
        List<EnvironmentDefinition> next = changes.updated(now, old, draft);
        if (next.equals(now.stream().map(Environment::definition).toList())) {
            throw InvalidInputException.of("environment", "nothing changes: main already describes " + name + " like this");
        }
        return submit(next, "Change environment " + name, proposal);
    }

    /** Proposes who approves changes to an environment (ADMIN). */
    @Audited(value = "change_request.opened", targetType = "environment")
    public long proposeApprovals(String name, EnvironmentDefinition.Approvals approvals, Proposal proposal) {
        List<Environment> now = writable();
        get(name);
        List<EnvironmentDefinition> next = now.stream().map(e -> e.name().equals(name) ? new EnvironmentDefinition(e.name(), e.description(),
                e.clusterSelector(), e.kubeVersion(), e.selfHeal(), e.pruneCrds(), changes.validApprovals(approvals)) : e.definition()).toList();
        return submit(next, "Approvals of " + name + ": " + approvals.required() + " from " + approvals.role()
                + (approvals.team() == null ? "" : " of " + approvals.team()) + (approvals.admin() ? ", one an ADMIN" : ""), proposal);
    }

    /** Proposes removing an environment that no release runs in (ADMIN). */
    @Audited(value = "change_request.opened", targetType = "environment")
    public long proposeRemoval(String name, Proposal proposal) {
        List<Environment> now = writable();
        get(name);
        String main = gitops.main();
        List<String> users = gitops.releaseNames(main).stream()
                .filter(r -> gitops.release(main, r).map(d -> d.environments().contains(name)).orElse(false)).toList();
        if (!users.isEmpty()) {
            throw new ConflictException("environment " + name + " still runs " + users.size() + " release(s): "
                    + String.join(", ", users.subList(0, Math.min(users.size(), 10))) + "; remove it from them first");
        }
        return submit(now.stream().filter(e -> !e.name().equals(name)).map(Environment::definition).toList(), "Remove environment " + name,
                proposal);
    }

    /** The file as main writes it, settings it leaves open as null (for carrying the old database's into it). */
    public List<EnvironmentDefinition> writtenOnMain() {
        currentUser.require(Role.VIEWER);
        return files.definitions(gitops.main());
    }

    private List<Environment> writable() {
        currentUser.require(Role.ADMIN);
        repositoryCheck.requireWritable("change environments");
        return files.at(gitops.main());
    }

    private long submit(List<EnvironmentDefinition> next, String summary, Proposal proposal) {
        return submissions.getObject().propose(next, summary, proposal == null ? Proposal.generated() : proposal);
    }
}
