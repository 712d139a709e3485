package io.chartroom.changes.service;

import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.RepositoryCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Moves Git refs as part of a database transaction, so that a change request and its branch (or a merge and main)
 * exist together or not at all. With the repository in PostgreSQL the ref is a row written in the same transaction;
 * on disk, a ref created or moved inside the transaction is put back if the transaction rolls back. Refs are moved
 * last-writer-checked (compare and swap), never blindly.
 */
@Component
class RefTransactions {

    private static final Logger log = LoggerFactory.getLogger(RefTransactions.class);

    private final GitOpsRepository gitops;
    private final RepositoryCheck repositoryCheck;

    RefTransactions(GitOpsRepository gitops, RepositoryCheck repositoryCheck) {
        this.gitops = gitops;
        this.repositoryCheck = repositoryCheck;
    }

    /** Creates a ref that must not exist yet; deleted again on rollback. */
    void create(String ref, String commit) {
        requireTransaction();
        requireWritable(ref);
        undoOnRollback(ref, commit, null);
        gitops.updateRef(ref, null, commit);
    }

    /** Moves a ref from {@code expected} to {@code commit}; moved back on rollback. */
    void move(String ref, String expected, String commit) {
        requireTransaction();
        requireWritable(ref);
        if (GitOpsRepository.MAIN.equals(ref)) {
            // a clean three-way merge can still combine into files Chartroom cannot read: main never gets them
            repositoryCheck.requireReadableOrKept(commit, "merge");
        }
        undoOnRollback(ref, commit, expected);
        gitops.updateRef(ref, expected, commit);
    }

    /**
     * A conversion's branch: opened while main cannot be read (that is what a conversion is for), so long as its
     * head reads completely; deleted again on rollback.
     */
    void createForConversion(String ref, String commit) {
        requireTransaction();
        repositoryCheck.requireReadable(commit, "open the conversion");
        undoOnRollback(ref, commit, null);
        gitops.updateRef(ref, null, commit);
    }

    /** Main moved to a conversion's result: the one move allowed while main cannot be read, as the result reads completely. */
    void moveMainToConversion(String expected, String commit) {
        requireTransaction();
        repositoryCheck.requireReadable(commit, "merge the conversion");
        undoOnRollback(GitOpsRepository.MAIN, commit, expected);
        gitops.updateRef(GitOpsRepository.MAIN, expected, commit);
    }

    /**
     * Registered before the ref moves: if the move fails after writing (or anything later fails), the rollback
     * restores the ref, but only if it still points where this transaction put it.
     */
    private void undoOnRollback(String ref, String written, String previous) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    return;
                }
                try {
                    if (!gitops.resolve(ref).map(written::equals).orElse(false)) {
                        // put back by the database with the transaction (or moved on since): the remote may still have it
                        gitops.pushAgain(ref);
                        return;
                    }
                    if (previous == null) {
                        gitops.deleteRef(ref);
                    } else {
                        gitops.updateRef(ref, written, previous);
                    }
                    log.info("Rolled back {} to {}", ref, previous == null ? "nothing" : previous);
                } catch (RuntimeException e) {
                    log.error("Could not roll back {} after a failed transaction: {}", ref, e.getMessage());
                }
            }
        });
    }

    /**
     * A repository that Chartroom cannot read completely gets no change request and no merge, unless an ADMIN chose to
     * keep its layout: then the refs of edits in place move (the services that write Chartroom's layout refused first).
     */
    private void requireWritable(String ref) {
        repositoryCheck.requireWritableOrKept(GitOpsRepository.MAIN.equals(ref) ? "merge into main" : "open or change a change request");
    }

    /**
     * Checked before a change request that writes Chartroom's layout is even prepared, so that the refusal comes first
     * and says why: a kept layout takes edits in place only.
     */
    void requireWritableForChangeRequests() {
        repositoryCheck.requireWritable("open or change a change request");
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("refs are moved inside a transaction");
        }
    }
}
