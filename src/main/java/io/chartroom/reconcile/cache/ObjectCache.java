package io.chartroom.reconcile.cache;

import io.chartroom.reconcile.cluster.KubeObjects;
import io.chartroom.reconcile.plan.DesiredObjects;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.domain.UnitKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What each real cluster holds of Chartroom's objects, kept by informers: per cluster and kind the units hold
 * there, one list at the start and then the watch's events, so that drift sweeps and health refreshes read from
 * memory (a quiet fleet costs the API servers nothing) and a change by anyone else reaches its unit within seconds
 * (its drift is checked at once), as does a deletion (by hand, with its namespace or with its CRD). Changes
 * Chartroom's own field manager made, and status updates, wake nobody. Simulated clusters are not cached: only
 * Chartroom changes them, and their in-process API server would pay for every event.
 */
@Component
public class ObjectCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ObjectCache.class);

    /** A kind of object on a cluster. */
    public record Kind(String cluster, String apiVersion, String kind) {}

    /** Told of a unit whose object someone else changed ({@code deleted}: or deleted). */
    public interface Listener {
        void changed(UnitKey unit, Kind kind, boolean deleted);
    }

    /** What the cache says of an object: not followed (ask the server), or followed and present (the object) or absent (null). */
    record Lookup(boolean followed, Map<String, Object> object) {
        static final Lookup NOT_FOLLOWED = new Lookup(false, null);
    }

    /**
     * How long a synced informer that is not watching still serves its objects, and is not started anew: the API
     * server ends every watch after 5 to 10 minutes and the informer watches again from where it was, so it is
     * briefly between watches several times an hour. Events of that moment arrive with the next watch; a list
     * (a read of every object of the kind) would cost more than the moment's delay. Longer than fabric8's longest
     * wait between two watch attempts (32 s) and than a relist of a large kind on a busy machine (a 10 s grace let
     * one read through in a whole benchmark run). A kind that went away (its CRD deleted) stops being followed after
     * this long.
     */
    static final java.time.Duration BETWEEN_WATCHES = java.time.Duration.ofSeconds(60);

    private record Followed(KubernetesClient client, KubeObjects kube, SharedIndexInformer<HasMetadata> informer, AtomicLong notWatchingSince,
                            long betweenWatchesNanos) {
        Followed(KubernetesClient client, KubeObjects kube, SharedIndexInformer<HasMetadata> informer, long betweenWatchesNanos) {
            this(client, kube, informer, new AtomicLong(), betweenWatchesNanos);
        }

        /** Watching, or between two watches for less than the grace ({@link #BETWEEN_WATCHES}). */
        boolean following() {
            if (informer.isWatching()) {
                notWatchingSince.set(0);
                return true;
            }
            long now = System.nanoTime();
            long since = notWatchingSince.updateAndGet(t -> t == 0 ? now : t);
            return now - since < betweenWatchesNanos;
        }
    }

    private final Map<Kind, Followed> followed = new ConcurrentHashMap<>();
    private final long betweenWatchesNanos;
    private volatile Listener listener = (unit, kind, deleted) -> { };
    private final AtomicLong events = new AtomicLong();

    public ObjectCache() {
        this(BETWEEN_WATCHES);
    }

    /** With another grace between watches (tests that remove a kind and wait for it to be let go). */
    ObjectCache(java.time.Duration betweenWatches) {
        this.betweenWatchesNanos = betweenWatches.toNanos();
    }

    /** Who hears of objects someone else changed or deleted (the reconciler, which checks their units). */
    public void listen(Listener listener) {
        this.listener = listener;
    }

    /** Follows the kinds units hold ({cluster, apiVersion, kind}) on each real cluster. */
    public void keep(List<Cluster> clusters, List<List<String>> appliedKinds, Function<Cluster, KubernetesClient> clients) {
        Map<String, Cluster> real = new HashMap<>();
        clusters.stream().filter(c -> !c.simulated()).forEach(c -> real.put(c.name(), c));
        Set<Kind> wanted = appliedKinds.stream().filter(k -> real.containsKey(k.get(0)))
                .map(k -> new Kind(k.get(0), k.get(1), k.get(2))).collect(Collectors.toSet());
        keep(wanted, name -> clients.apply(real.get(name)));
    }

    /**
     * Makes the followed kinds exactly these: starts what is missing (or stopped, or runs on a client that has since
     * been replaced), stops what is no longer needed. Never waits for a cluster: an informer syncs in the background.
     */
    public void keep(Set<Kind> wanted, Function<String, KubernetesClient> clients) {
        followed.entrySet().removeIf(e -> {
            if (wanted.contains(e.getKey())) {
                return false;
            }
            e.getValue().informer().close();
            return true;
        });
        for (Kind kind : wanted) {
            KubernetesClient client;
            try {
                client = clients.apply(kind.cluster());
            } catch (RuntimeException unreachable) {
                continue; // its units fail with the reason; reads go to the server meanwhile
            }
            Followed current = followed.get(kind);
            if (current != null && current.client() == client && current.informer().isRunning()
                    && (!current.informer().hasSynced() || current.following())) {
                continue;
            }
            if (current != null) {
                // stopped, or synced but not watching for longer than between two watches (its kind went away with its CRD, the watch broke and
                // has not come back), or the cluster's credentials changed: started anew, if the kind is still served
                current.informer().close();
                followed.remove(kind);
            }
            try {
                KubeObjects kube = new KubeObjects(client, false, new AtomicLong());
                SharedIndexInformer<HasMetadata> informer = kube.informManaged(kind.apiVersion(), kind.kind());
                informer.exceptionHandler((started, failure) -> !(failure instanceof KubernetesClientException e && e.getCode() == 404));
                informer.addEventHandler(handler(kind));
                followed.put(kind, new Followed(client, kube, informer, betweenWatchesNanos));
                informer.start();
            } catch (KubeObjects.KindNotServed gone) {
                followed.remove(kind); // its objects are gone with their CRD; the sweep reports them
            } catch (RuntimeException e) {
                followed.remove(kind);
                log.debug("Cannot follow {} on {}: {}", kind.kind(), kind.cluster(), e.getMessage());
            }
        }
    }

    /** The object as the cache holds it, once the kind's informer has synced; else not followed. */
    Lookup find(String cluster, ObjectRef ref) {
        Followed f = followed.get(new Kind(cluster, ref.apiVersion(), ref.kind()));
        if (f == null || !f.informer().hasSynced() || !f.following()) {
            return Lookup.NOT_FOLLOWED;
        }
        HasMetadata object = f.informer().getStore().getByKey(Cache.namespaceKeyFunc(ref.namespace(), ref.name()));
        return new Lookup(true, object == null ? null : f.kube().asMap(object, ref.apiVersion(), ref.kind()));
    }

    /** How many kinds are followed (the informers running). */
    public int size() {
        return followed.size();
    }

    /** Watch events received since start. */
    public long events() {
        return events.get();
    }

    @Override
    public void close() {
        followed.values().forEach(f -> f.informer().close());
        followed.clear();
    }

    private ResourceEventHandler<HasMetadata> handler(Kind kind) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata object) {
                events.incrementAndGet(); // the start's list, or an object Chartroom just created
            }

            @Override
            public void onUpdate(HasMetadata before, HasMetadata after) {
                events.incrementAndGet();
                if (changedByOthers(before, after)) {
                    tell(after, kind, false);
                }
            }

            @Override
            public void onDelete(HasMetadata object, boolean finalStateUnknown) {
                events.incrementAndGet();
                tell(object, kind, true);
            }
        };
    }

    private void tell(HasMetadata object, Kind kind, boolean deleted) {
        if (object.getMetadata() == null || object.getMetadata().getLabels() == null) {
            return;
        }
        String release = object.getMetadata().getLabels().get(DesiredObjects.RELEASE);
        String environment = object.getMetadata().getLabels().get(DesiredObjects.ENVIRONMENT);
        if (release != null && environment != null) {
            listener.changed(new UnitKey(release, environment, kind.cluster()), kind, deleted);
        }
    }

    /**
     * Whether someone other than Chartroom changed more than the status: a field manager's entry that changed
     * (Chartroom's own applies only move its own entry), unless all it owns is the status. Without field
     * managers to go by, a new generation (the spec changed) or new labels or annotations count.
     */
    static boolean changedByOthers(HasMetadata before, HasMetadata after) {
        List<ManagedFieldsEntry> now = after.getMetadata().getManagedFields();
        if (now == null || now.isEmpty()) {
            return !Objects.equals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration())
                    || !Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())
                    || !Objects.equals(before.getMetadata().getAnnotations(), after.getMetadata().getAnnotations());
        }
        List<ManagedFieldsEntry> was = before.getMetadata().getManagedFields() == null ? List.of() : before.getMetadata().getManagedFields();
        for (ManagedFieldsEntry entry : now) {
            if (KubeObjects.FIELD_MANAGER.equals(entry.getManager()) || was.contains(entry) || statusOnly(entry)) {
                continue;
            }
            return true;
        }
        return false;
    }

    private static boolean statusOnly(ManagedFieldsEntry entry) {
        if ("status".equals(entry.getSubresource())) {
            return true;
        }
        Object fields = entry.getFieldsV1() == null ? null : entry.getFieldsV1().getAdditionalProperties();
        return fields instanceof Map<?, ?> map && map.keySet().equals(Set.of("f:status"));
    }
}
