package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHost;

/** One kind of Git host's REST API, as far as Chartroom uses it. */
interface HostApi {

    /** Reads the repository with the token and says what Chartroom can do there and what is missing. */
    ConnectionReport check(GitHost host, String token);
}
