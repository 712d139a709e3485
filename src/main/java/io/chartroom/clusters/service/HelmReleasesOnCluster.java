package io.chartroom.clusters.service;

import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.Audited;
import io.chartroom.clusters.domain.HelmRelease;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The Helm releases a cluster already runs (Helm 3's release Secrets): everyone sees what they are (chart, version,
 * status), never their values; a release is read whole only for importing it (ADMIN: its values may hold any team's
 * secrets, and Chartroom knows no owner of a namespace); after an adoption an ADMIN may remove Helm's record of it.
 */
@Service
public class HelmReleasesOnCluster {

    private final ClusterCalls calls;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    HelmReleasesOnCluster(ClusterCalls calls, CurrentUser currentUser, ApplicationEventPublisher events) {
        this.calls = calls;
        this.currentUser = currentUser;
        this.events = events;
    }

    public List<HelmRelease.Summary> list(String cluster) {
        currentUser.require(Role.VIEWER);
        return calls.on(cluster, HelmReleaseSecrets::list);
    }

    /** One release with its values and manifest, for an import. */
    public HelmRelease read(String cluster, String namespace, String name) {
        currentUser.require(Role.ADMIN);
        return calls.on(cluster, client -> HelmReleaseSecrets.find(client, namespace, name)
                .orElseThrow(() -> new NotFoundException("no Helm release " + namespace + "/" + name + " on " + cluster)));
    }

    /**
     * Deletes Helm's release Secrets of a release (every revision): Helm then no longer knows it, and its objects stay
     * as they are. Only once Chartroom applies the release there ({@code adopted}), so that nothing is left unowned.
     */
    @Audited(value = "cluster.helm_release_forgotten", targetType = "cluster")
    public int forget(String cluster, String namespace, String name, boolean adopted) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        if (!adopted) {
            throw new ConflictException("Chartroom does not apply " + name + " on " + cluster + " yet: removing Helm's record now would leave its "
                    + "objects with no owner");
        }
        int removed = calls.on(cluster, client -> {
            // only Helm's release Secrets of that release: another Secret with the same labels is not Helm's record
            var helms = client.secrets().inNamespace(namespace).withLabel("owner", "helm").withLabel("name", name).list().getItems().stream()
                    .filter(s -> "helm.sh/release.v1".equals(s.getType())).toList();
            helms.forEach(s -> client.resource(s).delete());
            return helms.size();
        });
        events.publishEvent(AuditEntry.of("cluster.helm_release_forgotten", admin.username()).target("cluster", cluster).cluster(cluster)
                .detail("release", namespace + "/" + name).detail("secrets", removed).build());
        return removed;
    }
}
