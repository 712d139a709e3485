package io.chartroom.changes.domain;

import io.chartroom.gitops.domain.RepositoryLayout;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A proposed change of one release, or of the environments (then {@code release} and {@code team} are null): a branch with one commit (or a few, as it is updated) in the GitOps
 * repository, and its review state here.
 *
 * @param baseCommit   main when the branch was made or last updated from main
 * @param headCommit   the branch's commit under review
 * @param environments the environments whose values or rendered manifests change (all of the release's when
 *                     none does); their approval policies apply
 * @param revertsId    the merged change request this one reverts, if it is a revert
 * @param commitAuthors everyone who authored a commit on the branch (the opener first); none of them may approve
 */
public record ChangeRequest(
        long id,
        String title,
        String description,
        ChangeRequestState state,
        ChangeKind kind,
        @Nullable String release,
        @Nullable String team,
        String author,
        List<String> commitAuthors,
        String branch,
        String baseCommit,
        String headCommit,
        List<String> environments,
        @Nullable String mergeCommit,
        @Nullable MergeMethod mergeMethod,
        @Nullable String mergedBy,
        @Nullable Instant mergedAt,
        @Nullable String closedBy,
        @Nullable Instant closedAt,
        @Nullable Long revertsId,
        Instant createdAt,
        Instant updatedAt,
        int lockVersion) {

    public ChangeRequest {
        environments = environments == null ? List.of() : List.copyOf(environments);
        commitAuthors = commitAuthors == null ? List.of() : List.copyOf(commitAuthors);
    }

    /** Who may add commits (edit, update from main), as the page and the API say it; the service enforces it. */
    public String whoMayCommit() {
        return (team == null ? "ADMINs" : "DEVELOPERs (and up) of team " + team + " and ADMINs") + "; whoever authors a commit cannot approve it";
    }

    /** A change of the environments (environments.yaml), not of a release: it has no release and no team. */
    public boolean changesEnvironments() {
        return kind == ChangeKind.ENVIRONMENTS;
    }

    /** A change of several releases at once (no release of its own: those its branch changes). */
    public boolean changesSeveralReleases() {
        return kind == ChangeKind.BULK;
    }

    /** The conversion of a team's repository to Chartroom's layout: every file, no release or team of its own. */
    public boolean convertsRepository() {
        return kind == ChangeKind.CONVERT;
    }

    /** What it changes, in a few words: "update shop", "change the environments", "change several releases". */
    public String summary() {
        return convertsRepository() ? "convert the repository to Chartroom's layout" : changesEnvironments() ? "change the environments"
                : changesSeveralReleases() ? "change several releases"
                : kind.verb().toLowerCase() + " " + release;
    }

    /**
     * The files of the repository it changes: its release's directory, environments.yaml, or (several releases) the
     * releases directory, of which its branch changes only its releases' files.
     */
    public String ownedPath() {
        return convertsRepository() ? "" : changesEnvironments() ? RepositoryLayout.ENVIRONMENTS : changesSeveralReleases() ? "releases/"
                : RepositoryLayout.releaseDirectory(release);
    }

    /** Whether the user opened it or authored any commit on its branch: such a user never approves it. */
    public boolean authoredBy(String user) {
        return user.equals(author) || commitAuthors.contains(user);
    }

    public boolean open() {
        return state == ChangeRequestState.OPEN;
    }

    /** The full ref name of the branch. */
    public String ref() {
        return "refs/heads/" + branch;
    }
}
