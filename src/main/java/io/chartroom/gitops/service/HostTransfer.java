package io.chartroom.gitops.service;

import io.chartroom.gitops.domain.CommitId;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.springframework.stereotype.Component;

/**
 * The GitOps repository and a Git host's copy of it: a change request's branch (or main) pushed there, the host's
 * main fetched here, and main moved forward to it when the host merged something. Credentials come per call (the
 * host's token), never from configuration.
 */
@Component
public class HostTransfer {

    private final GitOpsRepository gitops;

    public HostTransfer(GitOpsRepository gitops) {
        this.gitops = gitops;
    }

    /** Pushes one ref as it stands here: a branch forced, main only forward, a ref gone here deleted there. */
    public void push(String remoteUrl, String username, String token, String ref) {
        try {
            RefPush.push(gitops.repository(), remoteUrl, new UsernamePasswordCredentialsProvider(username, token), ref);
        } catch (GitAPIException | java.io.IOException e) {
            throw new IllegalStateException("cannot push " + ref + " to " + remoteUrl + ": " + e.getMessage(), e);
        }
    }

    /** Fetches a branch of the host into {@code refs/host/<branch>}, moving nothing of Chartroom's own; its commit. */
    public String fetch(String remoteUrl, String username, String token, String branch) {
        String tracking = "refs/host/" + branch;
        try (Git git = Git.wrap(gitops.repository())) {
            git.fetch().setRemote(remoteUrl).setCredentialsProvider(new UsernamePasswordCredentialsProvider(username, token))
                    .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + tracking)).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot fetch " + branch + " from " + remoteUrl + ": " + e.getMessage(), e);
        }
        return gitops.resolve(tracking).orElseThrow(() -> new IllegalStateException(remoteUrl + " has no branch " + branch));
    }

    /** Whether main holds the commit (it is main, or an ancestor of it): a merge the host made, fetched. */
    public boolean mainHas(String commit) {
        return isAncestor(commit, gitops.main());
    }

    /** Whether {@code descendant} holds {@code ancestor} (both here); false for a commit this repository does not have. */
    public boolean isAncestor(String ancestor, String descendant) {
        if (!CommitId.isFull(ancestor) || !CommitId.isFull(descendant)) {
            return false;
        }
        try (RevWalk walk = new RevWalk(gitops.repository())) {
            var objects = gitops.repository().getObjectDatabase();
            if (!objects.has(ObjectId.fromString(ancestor)) || !objects.has(ObjectId.fromString(descendant))) {
                return false;
            }
            return walk.isMergedInto(walk.parseCommit(ObjectId.fromString(ancestor)), walk.parseCommit(ObjectId.fromString(descendant)));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Moves main forward to {@code commit} (the host's main after a merge there): true when main moved, false when
     * main has it already. A commit not ahead of main (the two diverged) is refused: nothing is overwritten.
     */
    public boolean fastForwardMain(String commit) {
        String main = gitops.main();
        if (main.equals(commit)) {
            return false;
        }
        try (RevWalk walk = new RevWalk(gitops.repository())) {
            RevCommit ours = walk.parseCommit(ObjectId.fromString(main));
            RevCommit theirs = walk.parseCommit(ObjectId.fromString(commit));
            if (walk.isMergedInto(theirs, ours)) {
                return false;
            }
            walk.reset();
            if (!walk.isMergedInto(ours, theirs)) {
                throw new IllegalStateException("main on the Git host (" + commit.substring(0, 12) + ") and Chartroom's main ("
                        + main.substring(0, 12) + ") diverged: nothing is overwritten");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot compare " + commit + " with main: " + e.getMessage(), e);
        }
        gitops.updateRef(GitOpsRepository.MAIN, main, commit);
        return true;
    }
}
