package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHost;

/** One kind of Git host's REST API, as far as Chartroom uses it. */
interface HostApi {

    /** Reads the repository with the token and says what Chartroom can do there and what is missing. */
    ConnectionReport check(GitHost host, String token);

    /** The user name that goes with the token for a Git push over HTTPS. */
    String pushUser();

    /** Where Git pushes to: the repository's clone URL over HTTP(S), as the host gives it. */
    String cloneUrl(GitHost host, String token);

    PullRequest open(GitHost host, String token, String branch, String base, String title, String body);

    /** Adds a comment to the pull request; its id, to edit it in place later. */
    long comment(GitHost host, String token, long number, String body);

    void editComment(GitHost host, String token, long number, long commentId, String body);

    void status(GitHost host, String token, String commit, CommitStatus status);

    void close(GitHost host, String token, long number);

    /** Merges the pull request at exactly {@code head} (a newer head is refused by the host); the merge commit. */
    String merge(GitHost host, String token, long number, String head, boolean squash, String title);

    /**
     * Checks that a clone URL is one Git should send the token to: on the API's own host (or, for github.com, the host
     * its api. name serves), over https unless both are on this machine. The URL comes from the host's answer.
     */
    static String checkedCloneUrl(String url, GitHost host) {
        java.net.URI clone;
        try {
            clone = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new HostHttp.HostRefused("the clone URL of " + host.repository(), 200, "not a URL: " + url);
        }
        String apiHost = java.net.URI.create(host.apiUrl()).getHost();
        boolean sameHost = clone.getHost() != null && (clone.getHost().equals(apiHost) || ("api." + clone.getHost()).equals(apiHost));
        boolean scheme = "https".equals(clone.getScheme()) || "http".equals(clone.getScheme()) && GitHostDraft.loopback(clone.getHost());
        if (!sameHost || !scheme || clone.getUserInfo() != null) {
            throw new HostHttp.HostRefused("the clone URL of " + host.repository(), 200, url + " is not an https URL on " + apiHost);
        }
        return url;
    }
}
