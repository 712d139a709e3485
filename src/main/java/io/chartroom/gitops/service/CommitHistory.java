package io.chartroom.gitops.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Walks the GitOps repository's commits: parents and first-parent history (main's merges, newest first). */
final class CommitHistory {

    private final Repository repository;

    CommitHistory(Repository repository) {
        this.repository = repository;
    }

    Optional<String> firstParent(String commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            return c.getParentCount() == 0 ? Optional.empty() : Optional.of(c.getParent(0).name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<GitOpsRepository.CommitInfo> history(String commit, int limit) {
        List<GitOpsRepository.CommitInfo> commits = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(ObjectId.fromString(commit)));
            for (RevCommit c : walk) {
                commits.add(new GitOpsRepository.CommitInfo(c.name(), c.getParentCount() == 0 ? List.of()
                        : Arrays.stream(c.getParents()).map(RevCommit::name).toList(),
                        c.getAuthorIdent().getName(), c.getAuthorIdent().getWhenAsInstant(), c.getShortMessage()));
                if (commits.size() >= limit) {
                    break;
                }
            }
            return commits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
