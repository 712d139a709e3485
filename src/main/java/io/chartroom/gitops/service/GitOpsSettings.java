package io.chartroom.gitops.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The GitOps repository (chartroom.gitops.*). Without a remote it lives only under the data directory and is
 * served at /git/gitops.git; with one, Chartroom pushes every change of main and of change-request branches there.
 *
 * @param remoteUrl      a remote to push to (https://...), empty for none
 * @param remoteUsername user for the remote (e.g. a bot account)
 * @param remotePassword password or token for the remote
 */
@ConfigurationProperties("chartroom.gitops")
public record GitOpsSettings(
        String remoteUrl,
        String remoteUsername,
        String remotePassword,
        @DefaultValue("Chartroom") String committerName,
        @DefaultValue("chartroom@localhost") String committerEmail) {

    public boolean hasRemote() {
        return remoteUrl != null && !remoteUrl.isBlank();
    }
}
