package io.chartroom.githost.domain;

/**
 * The kinds of Git host Chartroom opens pull/merge requests on, with what each needs: where its API usually is,
 * how a repository is named there, and which token rights it takes (the connection test checks them).
 */
public enum GitHostKind {
    GITHUB("GitHub (incl. Enterprise Server)", "https://api.github.com", "owner/name",
            "a fine-grained token with Contents, Pull requests and Commit statuses: read and write, Metadata: read "
                    + "(or a classic token with the repo scope); Administration: read lets the test see branch protection"),
    GITLAB("GitLab", "https://gitlab.com/api/v4", "group/project",
            "a project access token with the api scope and the Developer role (Maintainer to see protected branches)"),
    GITEA("Gitea / Forgejo", "https://gitea.example.com/api/v1", "owner/name",
            "an access token with write:repository and read:user (scoped tokens, Gitea 1.19 and later)");

    private final String label;
    private final String exampleApiUrl;
    private final String repositoryForm;
    private final String tokenNeeds;

    GitHostKind(String label, String exampleApiUrl, String repositoryForm, String tokenNeeds) {
        this.label = label;
        this.exampleApiUrl = exampleApiUrl;
        this.repositoryForm = repositoryForm;
        this.tokenNeeds = tokenNeeds;
    }

    /** How links name the host: "GitHub", "GitLab", "Gitea". */
    public String shortName() {
        return label.replaceAll(" .*", "");
    }

    public String label() {
        return label;
    }

    public String exampleApiUrl() {
        return exampleApiUrl;
    }

    public String repositoryForm() {
        return repositoryForm;
    }

    public String tokenNeeds() {
        return tokenNeeds;
    }
}
