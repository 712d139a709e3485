package io.chartroom.environments.service;

import io.chartroom.base.error.ConflictException;
import io.chartroom.gitops.domain.CommitAuthor;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.environments.domain.EnvironmentRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Keeps environments.yaml on main equal to the environments admins defined: after each change, Chartroom
 * commits the file (authored by the admin) when it differs. Environments are portal configuration; the file
 * lets helmfile and the reconciler read them from the repository. It never rewrites a file that is not
 * Chartroom's own or that says something the portal does not know: that would lose what a team wrote.
 */
@Component
class EnvironmentsFile {

    private final EnvironmentRepository environments;
    private final GitOpsRepository gitops;
    private final RepositoryCheck repositoryCheck;

    EnvironmentsFile(EnvironmentRepository environments, GitOpsRepository gitops, RepositoryCheck repositoryCheck) {
        this.environments = environments;
        this.gitops = gitops;
        this.repositoryCheck = repositoryCheck;
    }

    /** Refuses a change of environments before anything is stored, when main's file is not the portal's to rewrite. */
    void requireWritable() {
        repositoryCheck.requireWritable("change environments");
        List<EnvironmentDefinition> onMain = onMain();
        if (!onMain.equals(definitions())) {
            throw new ConflictException("cannot change environments: environments.yaml on main lists "
                    + names(onMain) + " but the portal knows " + names(definitions()) + "; it is not rewritten");
        }
    }

    /** The environments main's environments.yaml lists (none when the file is absent or empty). */
    List<EnvironmentDefinition> onMain() {
        return gitops.read(gitops.main(), RepositoryLayout.ENVIRONMENTS).map(EnvironmentsLayout::read).orElse(List.of());
    }

    void write(String author, String message) {
        String content = EnvironmentsLayout.write(definitions());
        for (int attempt = 0; attempt < 5; attempt++) {
            String main = gitops.main();
            if (Optional.of(content).equals(gitops.read(main, RepositoryLayout.ENVIRONMENTS))) {
                return;
            }
            Map<String, String> files = new java.util.TreeMap<>(Map.of(RepositoryLayout.ENVIRONMENTS, content));
            if (gitops.read(main, RepositoryLayout.HELMFILE).isEmpty()) {
                files.put(RepositoryLayout.HELMFILE, RepositoryLayout.rootHelmfile()); // a repository without Chartroom's layout yet
            }
            String commit = gitops.commit(main, files, CommitAuthor.user(author), message);
            try {
                gitops.updateRef(GitOpsRepository.MAIN, main, commit);
                return;
            } catch (GitOpsRepository.ConcurrentUpdateException moved) {
                // a merge landed meanwhile: write on top of it
            }
        }
        throw new GitOpsRepository.ConcurrentUpdateException("main kept moving while writing environments.yaml");
    }

    private List<EnvironmentDefinition> definitions() {
        return environments.findAll().stream()
                .map(e -> new EnvironmentDefinition(e.name(), e.description(), e.clusterSelector(), e.kubeVersion(), null, null, null)).toList();
    }

    private static String names(List<EnvironmentDefinition> definitions) {
        return definitions.isEmpty() ? "none" : String.join(", ", definitions.stream().map(EnvironmentDefinition::name).toList());
    }
}
