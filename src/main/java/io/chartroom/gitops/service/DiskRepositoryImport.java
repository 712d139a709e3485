package io.chartroom.gitops.service;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TrackingRefUpdate;

/**
 * Moving to the repository in PostgreSQL: the repository a replica kept on disk fetched in whole (every ref, every
 * object they reach) at the first start with {@code storage: postgresql}. The directory is left as it was.
 */
final class DiskRepositoryImport {

    private DiskRepositoryImport() {
    }

    static void into(Repository database, Path directory) throws IOException {
        try (Git git = Git.wrap(database)) {
            FetchResult fetched = git.fetch().setRemote(directory.toUri().toString()).setRefSpecs(new RefSpec("+refs/*:refs/*")).call();
            for (TrackingRefUpdate update : fetched.getTrackingRefUpdates()) {
                switch (update.getResult()) {
                    case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
                    default -> throw new IOException("cannot copy " + update.getLocalName() + " into PostgreSQL: " + update.getResult());
                }
            }
        } catch (GitAPIException e) {
            throw new IOException("cannot copy " + directory + " into PostgreSQL: " + e.getMessage(), e);
        }
    }
}
