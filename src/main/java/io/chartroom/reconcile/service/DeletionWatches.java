package io.chartroom.reconcile.service;

import io.chartroom.clusters.domain.Cluster;
import io.chartroom.reconcile.domain.UnitKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each cluster, per kind of object Chartroom manages there, for deletions, so that an object deleted
 * by hand, with its namespace or with its CRD makes its unit Missing at once rather than at the next drift
 * sweep (which remains the safety net: a watch that breaks is opened again on the next call of {@link #keep}).
 * Only DELETED events are acted on; the events a new watch replays for existing objects are ignored.
 */
final class DeletionWatches implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeletionWatches.class);

    /** A kind of object on a cluster. */
    record Kind(String cluster, String apiVersion, String kind) {}

    private record Open(KubernetesClient client, Watch watch) {}

    private final Map<Kind, Open> open = new ConcurrentHashMap<>();
    /** Called with the unit whose object was deleted, and the object's kind. */
    private final BiConsumer<UnitKey, Kind> deleted;

    DeletionWatches(BiConsumer<UnitKey, Kind> deleted) {
        this.deleted = deleted;
    }

    /**
     * Watches the kinds of objects units hold ({cluster, apiVersion, kind}) on each real cluster. Simulated
     * clusters are not watched: only Chartroom changes them, and their in-process API server would pay for every event.
     */
    void keep(List<Cluster> clusters, List<List<String>> appliedKinds, Function<Cluster, KubernetesClient> clients) {
        Map<String, Cluster> real = new HashMap<>();
        clusters.stream().filter(c -> !c.simulated()).forEach(c -> real.put(c.name(), c));
        Set<Kind> wanted = appliedKinds.stream().filter(k -> real.containsKey(k.get(0)))
                .map(k -> new Kind(k.get(0), k.get(1), k.get(2))).collect(Collectors.toSet());
        keep(wanted, name -> clients.apply(real.get(name)));
    }

    /**
     * Makes the open watches exactly these kinds: opens what is missing (or broke, or was opened on a client
     * that has since been replaced), closes what is no longer needed.
     */
    void keep(Set<Kind> wanted, Function<String, KubernetesClient> clients) {
        open.entrySet().removeIf(e -> {
            if (wanted.contains(e.getKey())) {
                return false;
            }
            e.getValue().watch().close();
            return true;
        });
        for (Kind kind : wanted) {
            KubernetesClient client;
            try {
                client = clients.apply(kind.cluster());
            } catch (RuntimeException unreachable) {
                continue; // its units fail with the reason; the drift sweep is the fallback
            }
            Open current = open.get(kind);
            if (current != null && current.client() == client) {
                continue;
            }
            if (current != null) {
                current.watch().close(); // the cluster's credentials changed: a new client
            }
            try {
                AtomicReference<Watch> self = new AtomicReference<>();
                Watch watch = new KubeObjects(client, false, new AtomicLong()).watchManaged(kind.apiVersion(), kind.kind(), watcher(kind, self));
                self.set(watch);
                open.put(kind, new Open(client, watch));
            } catch (KubeObjects.KindNotServed gone) {
                open.remove(kind); // its objects are gone with their CRD; the sweep reports them
            } catch (RuntimeException e) {
                open.remove(kind);
                log.debug("Cannot watch {} on {}: {}", kind.kind(), kind.cluster(), e.getMessage());
            }
        }
    }

    int size() {
        return open.size();
    }

    @Override
    public void close() {
        open.values().forEach(o -> o.watch().close());
        open.clear();
    }

    private Watcher<HasMetadata> watcher(Kind kind, AtomicReference<Watch> self) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, HasMetadata object) {
                if (action != Action.DELETED || object.getMetadata() == null || object.getMetadata().getLabels() == null) {
                    return;
                }
                Map<String, String> labels = object.getMetadata().getLabels();
                String release = labels.get(DesiredObjects.RELEASE);
                String environment = labels.get(DesiredObjects.ENVIRONMENT);
                if (release != null && environment != null) {
                    deleted.accept(new UnitKey(release, environment, kind.cluster()), kind);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // opened again by the next keep(); until then the drift sweep finds what is missing
                open.computeIfPresent(kind, (k, o) -> o.watch() == self.get() ? null : o);
                log.debug("Watch of {} on {} closed: {}", kind.kind(), kind.cluster(), cause.getMessage());
            }

            @Override
            public void onClose() {
                // closed by keep() or close()
            }
        };
    }
}
