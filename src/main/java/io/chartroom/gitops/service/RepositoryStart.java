package io.chartroom.gitops.service;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository at start: opened as it is, or created as a copy of the remote, else with Chartroom's initial commit.
 * In PostgreSQL under a lock, so that of replicas starting at once one creates (or copies in) the repository and the
 * others find it done.
 */
final class RepositoryStart {

    private static final Logger log = LoggerFactory.getLogger(RepositoryStart.class);

    private RepositoryStart() {
    }

    static void openOrCreate(Repository repository, @Nullable GitRows rows, Path directory, PackUpkeep upkeep, @Nullable RemoteMirror remote,
                             Runnable initialCommit) throws IOException {
        if (repository instanceof PostgresGitRepository database && rows != null) {
            rows.underLock("chartroom-git-init:" + database.name(), () -> {
                if (!database.exists()) {
                    database.makeWhole(directory, () -> remote != null && remote.copyRemote(), initialCommit);
                }
            });
            return;
        }
        if (repository.getObjectDatabase().exists()) {
            upkeep.noRefPacking();
            return;
        }
        repository.create(true);
        upkeep.noRefPacking();
        repository.getRefDatabase().newUpdate(Constants.HEAD, false).link(GitOpsRepository.MAIN);
        if (remote != null && remote.copyRemote()) {
            log.info("Created the GitOps repository in {} from its remote", directory);
        } else {
            initialCommit.run();
            log.info("Created the GitOps repository in {}", directory);
        }
    }
}
