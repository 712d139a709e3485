package io.chartroom.reconcile.cache;

import io.chartroom.reconcile.cluster.KubeObjects;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.reconcile.domain.ObjectRef;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.springframework.stereotype.Component;

/**
 * The live objects that health refreshes and drift checks read. From the {@link ObjectCache} where the cluster's
 * informer follows the kind (real clusters): no request at all, unless the object is not there (the server then
 * confirms it is missing) or its unit applied moments ago (the watch event may still be on its way). Otherwise
 * (simulated clusters, a kind not followed yet), one by one while few objects of a kind are
 * read on a cluster; when many are (a thousand Deployments rolling out after a big merge, a drift sweep), from
 * one list of that kind's managed objects, shared by the reads on that cluster for {@link #SHARED_FOR}: a
 * thousand reads cost the API server a thousand lookups, the list one. A list is only used for an object if it
 * was taken after the object's unit last applied (else it may show the object before that apply), and an
 * object the list does not hold is read on its own, so a list never reports a fresh object as missing.
 */
@Component
public class LiveReads {

    /** Objects of one kind read on one cluster from which a list is cheaper than reading each. */
    public static final int LIST_FROM = 20;
    public static final Duration SHARED_FOR = Duration.ofSeconds(1);
    /** How long after an apply the cache may not show it yet. */
    static final Duration FRESH = Duration.ofSeconds(5);

    private record Key(String cluster, String apiVersion, String kind) {}

    /** A list of managed objects by namespace and name, and when it was asked for; objects null when not listed. */
    private record Listed(Map<String, Map<String, Object>> objects, Instant takenAt) {}

    private final Clock clock;
    private final ObjectCache cache;
    private final Cache<Key, Listed> lists;

    public LiveReads(Clock clock, ObjectCache cache) {
        this.clock = clock;
        this.cache = cache;
        lists = Caffeine.newBuilder().expireAfterWrite(SHARED_FOR).maximumSize(1000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    /**
     * The live object, or null when it does not exist. {@code reads} counts the kind's objects about to be read on
     * the cluster; {@code appliedAt} is when the object's unit last applied (null: never).
     */
    public Map<String, Object> read(String cluster, KubeObjects kube, ObjectRef ref, IntSupplier reads, Instant appliedAt) {
        ObjectCache.Lookup cached = cache.find(cluster, ref);
        if (cached.followed() && (appliedAt == null || appliedAt.isBefore(clock.instant().minus(FRESH)))) {
            return cached.object() != null ? cached.object() : kube.get(ref);
        }
        // concurrent reads of the same cluster and kind wait for the one list rather than each taking one
        Listed list = lists.get(new Key(cluster, ref.apiVersion(), ref.kind()),
                key -> reads.getAsInt() >= LIST_FROM ? list(kube, ref) : new Listed(null, clock.instant()));
        if (list.objects() != null && (appliedAt == null || list.takenAt().isAfter(appliedAt))) {
            Map<String, Object> listed = list.objects().get(KubeObjects.key(ref.namespace(), ref.name()));
            if (listed != null) {
                return listed;
            }
        }
        return kube.get(ref);
    }

    /** Forgets what was listed on the cluster (after an apply failed there, so that what follows is read anew). */
    public void forget(String cluster) {
        lists.asMap().keySet().removeIf(k -> k.cluster().equals(cluster));
    }

    /** Forgets the list of one kind (an object of it was deleted: a list taken before would still show it). */
    public void forget(String cluster, String apiVersion, String kind) {
        lists.invalidate(new Key(cluster, apiVersion, kind));
    }

    private Listed list(KubeObjects kube, ObjectRef ref) {
        Instant takenAt = clock.instant();
        try {
            return new Listed(kube.listManaged(ref.apiVersion(), ref.kind()), takenAt);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403 || e.getCode() == 405) {
                return new Listed(null, takenAt); // allowed to read, not to list across namespaces: read one by one
            }
            throw e;
        }
    }
}
