package io.chartroom.values.service;

import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.values.domain.EnvironmentRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Keeps environments.yaml on main equal to the environments admins defined: after each change, Chartroom
 * commits the file (authored by the admin) when it differs. Environments are portal configuration; the file
 * lets helmfile and the reconciler read them from the repository.
 */
@Component
class EnvironmentsFile {

    private final EnvironmentRepository environments;
    private final GitOpsRepository gitops;

    EnvironmentsFile(EnvironmentRepository environments, GitOpsRepository gitops) {
        this.environments = environments;
        this.gitops = gitops;
    }

    void write(String author, String message) {
        List<EnvironmentDefinition> definitions = environments.findAll().stream()
                .map(e -> new EnvironmentDefinition(e.name(), e.description(), e.clusterSelector(), e.kubeVersion())).toList();
        String content = RepositoryLayout.environmentsFile(definitions);
        for (int attempt = 0; attempt < 5; attempt++) {
            String main = gitops.main();
            if (Optional.of(content).equals(gitops.read(main, RepositoryLayout.ENVIRONMENTS))) {
                return;
            }
            String commit = gitops.commit(main, Map.of(RepositoryLayout.ENVIRONMENTS, content),
                    gitops.person(author, author + "@chartroom"), message);
            try {
                gitops.updateRef(GitOpsRepository.MAIN, main, commit);
                return;
            } catch (GitOpsRepository.ConcurrentUpdateException moved) {
                // a merge landed meanwhile: write on top of it
            }
        }
        throw new GitOpsRepository.ConcurrentUpdateException("main kept moving while writing environments.yaml");
    }
}
