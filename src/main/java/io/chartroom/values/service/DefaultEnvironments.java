package io.chartroom.values.service;

import io.chartroom.base.database.DatabaseMode;
import io.chartroom.values.domain.Environment;
import io.chartroom.values.domain.EnvironmentRepository;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** On the embedded default's first start: the environments dev and production, selecting the simulated clusters. */
@Component
class DefaultEnvironments {

    private final EnvironmentRepository environments;
    private final EnvironmentsFile file;
    private final DatabaseMode databaseMode;
    private final Clock clock;

    DefaultEnvironments(EnvironmentRepository environments, EnvironmentsFile file, DatabaseMode databaseMode, Clock clock) {
        this.environments = environments;
        this.file = file;
        this.databaseMode = databaseMode;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    void createOnFirstStart() {
        if (!databaseMode.embedded() || !environments.findAll().isEmpty()) {
            return;
        }
        environments.insert(new Environment("dev", 1, "Development: changes land here first", "env=dev", "v1.31.2", true,
                clock.instant(), "system"), clock.instant());
        environments.insert(new Environment("production", 2, "Production: needs two approvals", "env=production", "v1.31.2", true,
                clock.instant(), "system"), clock.instant());
        file.write("chartroom", "Add the environments dev and production");
    }
}
