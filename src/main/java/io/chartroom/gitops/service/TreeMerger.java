package io.chartroom.gitops.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;

/** Three-way merges of two commits in memory (recursive merge base): a tree to commit, or the conflicting paths. */
final class TreeMerger {

    private final Repository repository;

    TreeMerger(Repository repository) {
        this.repository = repository;
    }

    GitOpsRepository.MergeOutcome merge(String ours, String theirs) {
        // in core: the bare repository has no work tree to merge in
        ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repository, true);
        try {
            if (merger.merge(ObjectId.fromString(ours), ObjectId.fromString(theirs))) {
                return new GitOpsRepository.MergeOutcome(merger.getResultTreeId().name(), List.of());
            }
            List<String> conflicts = new ArrayList<>(merger.getUnmergedPaths());
            if (merger.getFailingPaths() != null) {
                conflicts.addAll(merger.getFailingPaths().keySet());
            }
            return new GitOpsRepository.MergeOutcome(null, conflicts.stream().distinct().sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge in the GitOps repository", e);
        }
    }
}
