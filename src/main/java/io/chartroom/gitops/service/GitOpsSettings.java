package io.chartroom.gitops.service;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The GitOps repository (chartroom.gitops.*). Without a remote it lives only under the data directory and is
 * served at /git/gitops.git; with one, Chartroom pushes every change of main and of change-request branches there.
 *
 * @param remoteUrl      a remote to push to (https://...), empty for none
 * @param remoteUsername user for the remote (e.g. a bot account)
 * @param remotePassword password or token for the remote
 * @param maxPushSize    the largest pack a push over HTTP may send (a bigger push is refused)
 * @param storage        where the repository is kept: {@code disk} (under the data directory) or {@code postgresql} (in the
 *                       database, one repository for every replica; a repository on disk is copied in at first start)
 */
@ConfigurationProperties("chartroom.gitops")
public record GitOpsSettings(
        @Nullable String remoteUrl,
        @Nullable String remoteUsername,
        @Nullable String remotePassword,
        @DefaultValue("Chartroom") String committerName,
        @DefaultValue("chartroom@localhost") String committerEmail,
        @DefaultValue("20MB") DataSize maxPushSize,
        @DefaultValue("disk") String storage) {

    public boolean inDatabase() {
        return switch (storage) {
            case "disk" -> false;
            case "postgresql" -> true;
            default -> throw new IllegalStateException("chartroom.gitops.storage is disk or postgresql, not " + storage);
        };
    }

    public boolean hasRemote() {
        return remoteUrl != null && !remoteUrl.isBlank();
    }
}
