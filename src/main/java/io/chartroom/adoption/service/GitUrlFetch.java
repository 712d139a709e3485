package io.chartroom.adoption.service;

import io.chartroom.adoption.helmfile.RepositoryFiles;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.settings.DataDirectory;
import io.chartroom.catalog.service.NetworkGuard;
import io.chartroom.catalog.service.RepositoryFetchException;
import io.chartroom.gitops.service.ForeignFetch;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A team's repository fetched from a Git URL to be read (never written to, never kept): http or https only, to an
 * address the network guard allows, credentials never in the URL, one commit deep, at most {@link #MAX_BYTES} and
 * {@link #TIMEOUT_SECONDS}; deleted again once its texts are read.
 */
@Component
class GitUrlFetch {

    static final long MAX_BYTES = 200L * 1024 * 1024;
    static final int TIMEOUT_SECONDS = 60;

    private final NetworkGuard guard;
    private final DataDirectory data;

    GitUrlFetch(NetworkGuard guard, DataDirectory data) {
        this.guard = guard;
        this.data = data;
    }

    ForeignFetch.Fetched fetch(String url, @Nullable String branch, @Nullable String username, @Nullable String password) {
        URI uri = plain(url);
        try {
            guard.check(uri);
        } catch (RepositoryFetchException refused) {
            throw InvalidInputException.of("url", refused.getMessage());
        }
        String name = branch == null || branch.isBlank() ? null : branch.strip();
        if (name != null && !name.matches("[A-Za-z0-9._/-]{1,200}")) {
            throw InvalidInputException.of("branch", "not a branch name");
        }
        try (ScratchDirectory directory = ScratchDirectory.under(data, "fetch-")) {
            return ForeignFetch.fetch(uri, name, username == null || username.isBlank() ? null : username.strip(), password, directory.path(),
                    MAX_BYTES, TIMEOUT_SECONDS, RepositoryFiles.MAX_FILE, guard::check);
        } catch (ForeignFetch.FetchFailed failed) {
            throw InvalidInputException.of("url", failed.getMessage());
        }
    }

    /**
     * The URL as only one parser can read it: http(s), a host, a path, nothing else. Credentials, a query or a fragment
     * are refused: JGit and java.net.URI disagree on where the host of {@code http://a#@b/} is, and the address the
     * guard checks must be the one Git connects to.
     */
    static URI plain(String url) {
        String text = url.strip();
        if (text.matches(".*[@#?\\\\\\s].*")) {
            throw InvalidInputException.of("url", "a plain http(s) URL: no user name or password (give them as their own fields), "
                    + "no query, no fragment");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw InvalidInputException.of("url", "not a URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw InvalidInputException.of("url", "only http and https URLs are read");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw InvalidInputException.of("url", "a plain http(s) URL with a host");
        }
        return uri;
    }

    /** What the audit log keeps of a URL that passed {@link #plain}: scheme, host, port and path. */
    static String shown(String url) {
        URI uri = plain(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath();
    }
}
