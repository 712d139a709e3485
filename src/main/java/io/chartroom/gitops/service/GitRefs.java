package io.chartroom.gitops.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;

/**
 * The GitOps repository's refs: resolved, moved with compare-and-set, deleted. Every move is handed to the
 * remote mirror, if there is one, so the remote follows in the same order.
 */
final class GitRefs {

    private final Repository repository;
    private final @Nullable RemoteMirror remote;

    GitRefs(Repository repository, @Nullable RemoteMirror remote) {
        this.repository = repository;
        this.remote = remote;
    }

    Optional<String> resolve(String ref) {
        try {
            Ref r = repository.exactRef(ref);
            return r == null || r.getObjectId() == null ? Optional.empty() : Optional.of(r.getObjectId().name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves {@code ref} from {@code expected} (null: must not exist) to {@code target}; whether it moved (false: it was there already). */
    boolean update(String ref, @Nullable String expected, String target) {
        try {
            RefUpdate update = repository.updateRef(ref);
            update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : ObjectId.fromString(expected));
            update.setNewObjectId(ObjectId.fromString(target));
            update.setForceUpdate(true);
            update.setRefLogMessage("chartroom", false);
            RefUpdate.Result result = update.update();
            switch (result) {
                case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> {
                    push(ref);
                    return result != RefUpdate.Result.NO_CHANGE;
                }
                case LOCK_FAILURE -> throw new GitOpsRepository.ConcurrentUpdateException(ref + " moved while Chartroom was updating it");
                default -> throw new IllegalStateException("updating " + ref + " failed: " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String ref) {
        try {
            if (repository.exactRef(ref) == null) {
                return;
            }
            RefUpdate update = repository.updateRef(ref);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.delete();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("deleting " + ref + " failed: " + result);
            }
            push(ref);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tells the remote the ref as it is here again (after a transaction that had pushed it rolled back). */
    void pushAgain(String ref) {
        push(ref);
    }

    private void push(String ref) {
        if (remote != null && !ref.startsWith(ForeignLayoutReading.REFS)) { // derived commits stay here
            remote.push(ref);
        }
    }
}
