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
 * The Git host as an admin enters it. {@code token} and {@code webhookSecret} empty or null keep the stored ones. Checked as a whole: every
 * field's problem at once, by field name.
 */
public record GitHostDraft(@Nullable GitHostKind kind, @Nullable String apiUrl, @Nullable String repository, @Nullable String token,
                           @Nullable String webhookSecret, @Nullable Boolean countHostReviews) {

    public GitHostDraft(@Nullable GitHostKind kind, @Nullable String apiUrl, @Nullable String repository, @Nullable String token) {
        this(kind, apiUrl, repository, token, null, false);
    }

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

    void validate(boolean tokenStored) {
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
        if ((token == null || token.isBlank()) && !tokenStored) {
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
}
