package io.chartroom.gitops.service;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.jspecify.annotations.Nullable;

/**
 * Pushes one ref of the GitOps repository to a remote as it stands here: deleted there when gone here; a change
 * request's branch forced (it is Chartroom's own), main only forward. A refusal is an exception that says why.
 */
final class RefPush {

    private RefPush() {
    }

    static void push(Repository repository, String remote, @Nullable CredentialsProvider credentials, String ref)
            throws GitAPIException, java.io.IOException {
        boolean exists = repository.exactRef(ref) != null;
        String spec = !exists ? ":" + ref : (ref.equals(GitOpsRepository.MAIN) ? "" : "+") + ref + ":" + ref;
        try (Git git = Git.wrap(repository)) {
            for (PushResult result : git.push().setRemote(remote).setCredentialsProvider(credentials).setRefSpecs(new RefSpec(spec)).call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE
                            && update.getStatus() != RemoteRefUpdate.Status.NON_EXISTING) {
                        throw new IllegalStateException("the remote refused " + ref + ": " + update.getStatus()
                                + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                    }
                }
            }
        }
    }
}
