package io.chartroom.environments.service;

import io.chartroom.base.database.DatabaseMode;
import io.chartroom.clusters.domain.LabelSelector;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.LayoutException;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.environments.domain.Environment;
import io.chartroom.environments.domain.EnvironmentRepository;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The portal's environments at a start without any: read from main's environments.yaml when Chartroom wrote
 * it; on the embedded default, dev and production (selecting the simulated clusters) only when the repository
 * is empty. A repository with content that Chartroom cannot read gets nothing written: a team's environments
 * are never replaced by defaults.
 */
@Component
class EnvironmentsBootstrap {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentsBootstrap.class);
    private static final String SYSTEM = "system";

    private final EnvironmentRepository environments;
    private final EnvironmentsFile file;
    private final RepositoryCheck repositoryCheck;
    private final DatabaseMode databaseMode;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EnvironmentsBootstrap(EnvironmentRepository environments, EnvironmentsFile file, RepositoryCheck repositoryCheck,
                          DatabaseMode databaseMode, ApplicationEventPublisher events, Clock clock) {
        this.environments = environments;
        this.file = file;
        this.repositoryCheck = repositoryCheck;
        this.databaseMode = databaseMode;
        this.events = events;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    @Transactional
    public void atStart() {
        if (!environments.findAll().isEmpty()) {
            return;
        }
        List<EnvironmentDefinition> onMain;
        try {
            onMain = file.onMain();
        } catch (LayoutException notChartrooms) {
            log.warn("The GitOps repository's {} is not Chartroom's; no environments were created and nothing was written",
                    notChartrooms.getMessage());
            return;
        }
        for (EnvironmentDefinition d : onMain) {
            try {
                LabelSelector.parse(d.clusterSelector());
            } catch (IllegalArgumentException bad) {
                log.warn("environments.yaml on main: environment {} has a cluster selector that does not parse ({}); no environment was read",
                        d.name(), bad.getMessage());
                return;
            }
        }
        if (!onMain.isEmpty()) {
            int position = 1;
            for (EnvironmentDefinition d : onMain) {
                insert(new Environment(d.name(), position++, d.description(), d.clusterSelector(), d.kubeVersion(), true,
                        false, clock.instant(), SYSTEM));
            }
            log.info("Read {} environment(s) from environments.yaml on main", onMain.size());
        } else if (databaseMode.embedded() && repositoryCheck.mainIsEmpty()) {
            insert(new Environment("dev", 1, "Development: changes land here first", "env=dev", "v1.31.2", true, false, clock.instant(), SYSTEM));
            insert(new Environment("production", 2, "Production: needs two approvals", "env=production", "v1.31.2", true,
                    false, clock.instant(), SYSTEM));
            file.write("chartroom", "Add the environments dev and production");
            events.publishEvent(new EnvironmentDefaultsCreated());
        }
    }

    private void insert(Environment environment) {
        environments.insert(environment, clock.instant());
    }
}
