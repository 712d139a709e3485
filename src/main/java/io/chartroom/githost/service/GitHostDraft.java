package io.chartroom.githost.service;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.InvalidInputException.Problem;
import io.chartroom.githost.domain.GitHostKind;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Git host as an admin enters it: a token, or (GitHub only) a GitHub App in {@code app}. {@code token}, the app's
 * {@code privateKey} and {@code webhookSecret} empty or null keep the stored ones. Checked as a whole: every field's
 * problem at once, by field name ({@code app.appId} for the app's).
 */
public record GitHostDraft(@Nullable GitHostKind kind, @Nullable String apiUrl, @Nullable String repository, @Nullable String token,
                           @Nullable String webhookSecret, @Nullable Boolean countHostReviews, @Nullable AppDraft app) {

    public GitHostDraft(@Nullable GitHostKind kind, @Nullable String apiUrl, @Nullable String repository, @Nullable String token) {
        this(kind, apiUrl, repository, token, null, false, null);
    }

    /** A GitHub App: its id (or client id), the installation on the repository's owner, and its private key (PEM). */
    public record AppDraft(@Nullable String appId, @Nullable Long installationId, @Nullable String privateKey) {
        @Override
        public String toString() {
            return "AppDraft[" + appId + " " + installationId + "]"; // never the key
        }

        boolean keyGiven() {
            return privateKey != null && !privateKey.isBlank();
        }
    }

    /** What a stored credential may stand in for when the draft leaves its own empty: nothing, the token, or the app's key. */
    enum Keep { NOTHING, TOKEN, APP_KEY }

    /** An app id as GitHub shows it: the number, or the client id ("Iv1.…", "Iv23…"). */
    private static final Pattern APP_ID = Pattern.compile("[0-9]{1,12}|Iv[0-9A-Za-z.]{4,40}");

    /** owner/name, or GitLab's group/subgroup/project: letters, digits, '.', '_' and '-' between slashes. */
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

    static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    /** Never the token or the secret: a draft may be logged by a framework. */
    @Override
    public String toString() {
        return "GitHostDraft[" + kind + " " + apiUrl + " " + repository + "]";
    }

    /** Whether approvals on the host count (absent: no). */
    boolean countsHostReviews() {
        return Boolean.TRUE.equals(countHostReviews);
    }

    boolean tokenGiven() {
        return token != null && !token.isBlank();
    }

    void validate(Keep stored) {
        List<Problem> problems = new ArrayList<>();
        if (kind == null) {
            problems.add(new Problem("kind", "choose GITHUB, GITLAB or GITEA"));
        }
        if (apiUrl == null || apiUrl.isBlank()) {
            problems.add(new Problem("apiUrl", "required, e.g. " + (kind == null ? GitHostKind.GITHUB : kind).exampleApiUrl()));
        } else {
            try {
                URI uri = URI.create(apiUrl.strip());
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.add(new Problem("apiUrl", "an http or https URL, e.g. " + (kind == null ? GitHostKind.GITHUB : kind).exampleApiUrl()));
                } else if ("http".equals(uri.getScheme()) && !loopback(uri.getHost())) {
                    problems.add(new Problem("apiUrl", "https: the token travels with every request (http only to this machine)"));
                } else if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
                    problems.add(new Problem("apiUrl", "no user, query or fragment: the token goes into the token field"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("apiUrl", "not a URL: " + e.getMessage()));
            }
        }
        if (repository == null || !REPOSITORY.matcher(repository.strip()).matches() || repository.contains("..")) {
            problems.add(new Problem("repository", "as the host names it: " + (kind == null ? "owner/name" : kind.repositoryForm())));
        }
        if (app != null) {
            validateApp(stored, problems);
        } else if (!tokenGiven() && stored != Keep.TOKEN) {
            problems.add(new Problem("token", "required: " + (kind == null ? "an access token" : kind.tokenNeeds())));
        }
        if (token != null && (token.strip().contains(" ") || token.strip().contains("\n"))) {
            problems.add(new Problem("token", "a token has no spaces or line breaks"));
        }
        if (webhookSecret != null && !webhookSecret.isBlank() && webhookSecret.strip().length() < 16) {
            problems.add(new Problem("webhookSecret", "at least 16 characters (the host signs its webhooks with it)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private void validateApp(Keep stored, List<Problem> problems) {
        if (kind != null && kind != GitHostKind.GITHUB) {
            problems.add(new Problem("app", "a GitHub App signs in to GitHub only: " + kind.shortName() + " takes a token"));
        }
        if (tokenGiven()) {
            problems.add(new Problem("token", "a token or a GitHub App, not both: leave the token empty"));
        }
        if (app.appId() == null || !APP_ID.matcher(app.appId().strip()).matches()) {
            problems.add(new Problem("app.appId", "the App ID (a number) or the client ID (Iv…) from the app's settings page"));
        }
        if (app.installationId() == null || app.installationId() <= 0) {
            problems.add(new Problem("app.installationId", "the number at the end of the installation's settings URL (…/installations/12345678)"));
        }
        if (app.keyGiven()) {
            try {
                GitHubAppTokens.signingKey(app.privateKey());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("app.privateKey", e.getMessage()));
            }
        } else if (stored != Keep.APP_KEY) {
            problems.add(new Problem("app.privateKey", "required: the private key (.pem) generated on the app's settings page"));
        }
    }
}
