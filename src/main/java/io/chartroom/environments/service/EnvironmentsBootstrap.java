package io.chartroom.environments.service;

import io.chartroom.base.database.DatabaseMode;
import io.chartroom.gitops.domain.CommitAuthor;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.RepositoryCheck;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The embedded default's environments: dev and production (selecting the simulated clusters; production needs two
 * approvals), written into environments.yaml only when the repository is empty, as Chartroom created it. A
 * repository with content gets nothing written: its environments are whatever its file says, and changes to it
 * go through change requests.
 */
@Component
class EnvironmentsBootstrap {

    static final List<EnvironmentDefinition> DEFAULTS = List.of(
            EnvironmentDefinition.of("dev", "Development: changes land here first", "env=dev", "v1.31.2", true, false,
                    EnvironmentDefinition.Approvals.DEFAULT),
            EnvironmentDefinition.of("production", "Production: needs two approvals", "env=production", "v1.31.2", true, false,
                    new EnvironmentDefinition.Approvals(2, "APPROVER", null, false)));
    private static final Logger log = LoggerFactory.getLogger(EnvironmentsBootstrap.class);

    private final GitOpsRepository gitops;
    private final RepositoryCheck repositoryCheck;
    private final DatabaseMode databaseMode;

    EnvironmentsBootstrap(GitOpsRepository gitops, RepositoryCheck repositoryCheck, DatabaseMode databaseMode) {
        this.gitops = gitops;
        this.repositoryCheck = repositoryCheck;
        this.databaseMode = databaseMode;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    public void atStart() {
        if (!databaseMode.embedded() || !repositoryCheck.mainIsEmpty()) {
            return;
        }
        String main = gitops.main();
        String commit = gitops.commit(main, Map.of(RepositoryLayout.ENVIRONMENTS, EnvironmentsLayout.write(DEFAULTS)),
                CommitAuthor.user("chartroom"), "Add the environments dev and production");
        try {
            gitops.updateRef(GitOpsRepository.MAIN, main, commit);
            log.info("Wrote the embedded default's environments (dev, production) into the empty GitOps repository");
        } catch (GitOpsRepository.ConcurrentUpdateException moved) {
            log.info("main moved while writing the default environments: it is no longer empty, so none were written");
        }
    }
}
