package io.chartroom.adoption.service;

import io.chartroom.adoption.domain.HelmAdoption;
import io.chartroom.adoption.domain.HelmAdoptionRepository;
import io.chartroom.base.error.ConflictException;
import io.chartroom.clusters.domain.HelmRelease;
import io.chartroom.clusters.service.HelmReleasesOnCluster;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.service.ReleaseStatusService;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The Helm releases on a cluster with what became of each here: not imported, imported by a change request, or
 * adopted (Chartroom applies it there, in sync). Once adopted, an ADMIN may remove Helm's record of it.
 */
@Service
public class HelmReleasesFound {

    /** One Helm release and its import, if any; {@code adopted}: Chartroom's release is applied on the cluster and in sync. */
    public record Found(HelmRelease.Summary helm, @Nullable HelmAdoption adoption, boolean adopted) {}

    private final HelmReleasesOnCluster helmReleases;
    private final HelmAdoptionRepository adoptions;
    private final ReleaseStatusService statuses;
    private final CurrentUser currentUser;
    private final io.chartroom.gitops.service.GitOpsRepository gitops;

    HelmReleasesFound(HelmReleasesOnCluster helmReleases, HelmAdoptionRepository adoptions, ReleaseStatusService statuses, CurrentUser currentUser,
                      io.chartroom.gitops.service.GitOpsRepository gitops) {
        this.gitops = gitops;
        this.helmReleases = helmReleases;
        this.adoptions = adoptions;
        this.statuses = statuses;
        this.currentUser = currentUser;
    }

    public List<Found> onCluster(String cluster) {
        currentUser.require(Role.VIEWER);
        Map<String, HelmAdoption> imported = adoptions.onCluster(cluster).stream()
                .collect(Collectors.toMap(a -> a.namespace() + "/" + a.helmRelease(), Function.identity()));
        return helmReleases.list(cluster).stream().map(helm -> {
            HelmAdoption adoption = imported.get(helm.namespace() + "/" + helm.name());
            return new Found(helm, adoption, adoption != null && adopted(adoption));
        }).toList();
    }

    /** Removes Helm's release Secrets of an adopted release (ADMIN); how many. Refused until Chartroom applies it there in sync. */
    public int forgetHelmRecord(String cluster, String namespace, String helmRelease) {
        currentUser.require(Role.ADMIN);
        HelmAdoption adoption = adoptions.find(cluster, namespace, helmRelease)
                .orElseThrow(() -> new ConflictException(namespace + "/" + helmRelease + " on " + cluster + " was not imported: Helm's record is its only owner"));
        return helmReleases.forget(cluster, namespace, helmRelease, adopted(adoption));
    }

    /**
     * Whether Chartroom applies the imported release there now: main holds a release of that name in the Helm release's
     * namespace (not another release that took the name after the import was closed), and its unit on the cluster is in sync.
     */
    private boolean adopted(HelmAdoption adoption) {
        boolean same = gitops.release(gitops.main(), adoption.release()).map(r -> r.namespace().equals(adoption.namespace())).orElse(false);
        return same && statuses.units(adoption.release()).stream().anyMatch(u -> u.key().cluster().equals(adoption.cluster())
                && u.key().environment().equals(adoption.environment()) && u.sync() == SyncState.SYNCED);
    }
}
