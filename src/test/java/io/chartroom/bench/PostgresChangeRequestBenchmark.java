package io.chartroom.bench;

import org.junit.jupiter.api.Tag;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 22's merge goal: the change request benchmark on the GitOps repository in PostgreSQL (goal: merge p95 within
 * 1.5x of the repository on disk, {@link ChangeRequestBenchmark}).
 */
@Tag("bench")
@TestPropertySource(properties = "chartroom.gitops.storage=postgresql")
class PostgresChangeRequestBenchmark extends ChangeRequestBenchmark {

    @Override
    String storage() {
        return " (repository in PostgreSQL)";
    }
}
