package io.chartroom.reconcile.service;

import io.chartroom.base.event.Audited;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.reconcile.domain.UnitHistoryEntry;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.domain.UnitStatusRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** What the reconciler reports: status per unit, what is failing or drifted, history; and "sync now". */
@Service
public class ReleaseStatusService {

    private final UnitStatusRepository statuses;
    private final Reconciler reconciler;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ReleaseStatusService(UnitStatusRepository statuses, Reconciler reconciler, CurrentUser currentUser,
                                ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.statuses = statuses;
        this.reconciler = reconciler;
        this.currentUser = currentUser;
        this.events = events;
    }

    /** The release's units: one per environment and cluster it runs on. */
    public List<UnitStatus> units(String release) {
        currentUser.require(Role.VIEWER);
        return statuses.byRelease(release);
    }

    public List<UnitStatus> onCluster(String cluster) {
        currentUser.require(Role.VIEWER);
        return statuses.byCluster(cluster);
    }

    /** Units that failed, wait for a removal to be confirmed, drifted, or are unhealthy (not merely rolling out or suspended), worst first. */
    public List<UnitStatus> problems() {
        currentUser.require(Role.VIEWER);
        return statuses.problems();
    }

    public List<UnitHistoryEntry> history(String release, int limit) {
        currentUser.require(Role.VIEWER);
        return statuses.history(release, Math.max(1, Math.min(limit, 500)));
    }

    /** Applies the release's units again now (APPROVER and up); audited. Returns how many units. */
    @Audited(value = "reconcile.sync_requested", targetType = "release")
    public int syncNow(String release) {
        UserIdentity user = currentUser.require(Role.APPROVER);
        int units = reconciler.syncNow(release, false, user.username());
        if (units == 0) {
            throw new NotFoundException("release " + release + " runs nowhere the reconciler knows of (yet)");
        }
        events.publishEvent(AuditEntry.of("reconcile.sync_requested", user.username()).target("release", release).release(release)
                .detail("units", units).build());
        return units;
    }

    /**
     * Applies the release's units again with the Secret keys its chart generates rendered anew (APPROVER and up):
     * the only way such a key changes once it is on a cluster. Audited.
     */
    @Audited(value = "reconcile.rotation_requested", targetType = "release")
    public int rotateGeneratedSecrets(String release) {
        UserIdentity user = currentUser.require(Role.APPROVER);
        int units = reconciler.syncNow(release, true, user.username());
        if (units == 0) {
            throw new NotFoundException("release " + release + " runs nowhere the reconciler knows of (yet)");
        }
        events.publishEvent(AuditEntry.of("reconcile.rotation_requested", user.username()).target("release", release).release(release)
                .detail("units", units).build());
        return units;
    }

    /**
     * Runs the release's Helm test hooks on every unit it has (APPROVER and up); the results land in its history and
     * the audit log with the user as their actor. Audited.
     */
    @Audited(value = "reconcile.tests_requested", targetType = "release")
    public int runTests(String release) {
        UserIdentity user = currentUser.require(Role.APPROVER);
        int units = reconciler.runTests(release, null, null, user.username());
        if (units == 0) {
            throw new NotFoundException("release " + release + " runs nowhere the reconciler knows of (yet)");
        }
        events.publishEvent(AuditEntry.of("reconcile.tests_requested", user.username()).target("release", release).release(release)
                .detail("units", units).build());
        return units;
    }

    /**
     * Runs the Helm test hooks of one unit: the release in one environment on one cluster (APPROVER and up); the
     * result lands in its history and the audit log with the user as its actor. Audited.
     */
    @Audited(value = "reconcile.tests_requested", targetType = "release")
    public void runTests(String release, String environment, String cluster) {
        UserIdentity user = currentUser.require(Role.APPROVER);
        if (reconciler.runTests(release, environment, cluster, user.username()) == 0) {
            throw new NotFoundException("release " + release + " does not run in environment " + environment + " on cluster " + cluster
                    + " (see GET /api/v1/releases/" + release + "/status for where it runs)");
        }
        events.publishEvent(AuditEntry.of("reconcile.tests_requested", user.username()).target("release", release).release(release)
                .environment(environment).cluster(cluster).detail("units", 1).build());
    }

    /**
     * An ADMIN confirms that the objects of a cluster's held units (orphaned, or held as too large a removal) may be
     * deleted; {@code release} narrows it to one release. The reconciler removes them at once. Audited with what
     * was confirmed. Returns how many units.
     */
    @Audited(value = "reconcile.removal_confirmed", targetType = "cluster")
    public int confirmRemovals(String cluster, String release) {
        UserIdentity user = currentUser.require(Role.ADMIN);
        List<String> held = statuses.byCluster(cluster).stream().filter(s -> s.sync().awaitsConfirmation())
                .filter(s -> release == null || s.key().release().equals(release))
                .map(s -> s.key().release() + " in " + s.key().environment() + " (" + (s.heldPrune()
                        ? s.dropped().size() + " objects its change dropped"
                        : s.prunableObjects(false) + " objects") + ")").toList();
        int units = held.isEmpty() ? 0 : statuses.confirmRemoval(cluster, release, user.username(), clock.instant());
        if (units == 0) {
            throw new NotFoundException("nothing on cluster " + cluster + (release == null ? "" : " for release " + release)
                    + " waits for a removal to be confirmed");
        }
        events.publishEvent(AuditEntry.of("reconcile.removal_confirmed", user.username()).target("cluster", cluster)
                .detail("units", held).build());
        reconciler.wake();
        return units;
    }

    /** Which portal replica reconciles each of the clusters now (clusters none holds yet are absent). */
    public Map<String, String> reconciledBy(java.util.Collection<String> clusters) {
        currentUser.require(Role.VIEWER);
        return reconciler.reconciledBy(clusters);
    }

    public ReconcilerStats stats() {
        currentUser.require(Role.VIEWER);
        return reconciler.stats();
    }
}
