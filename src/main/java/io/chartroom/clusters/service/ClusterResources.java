package io.chartroom.clusters.service;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * A read-only look into a cluster, as kubectl and k9s give it: namespaces, the workload, network, config and
 * storage objects of a namespace (optionally only a release's), an object's live YAML, and recent events.
 * Secret values are never returned: Secrets are not listed and their data is replaced in YAML.
 */
@Service
public class ClusterResources {

    /** One object as the views list it. */
    public record ObjectRow(String apiVersion, String kind, String namespace, String name, String status, Instant created) {}

    public record EventRow(Instant at, String type, String reason, String object, String message, int count) {}

    /** The kinds shown, in this order. */
    public static final List<String> KINDS = List.of("Deployment", "StatefulSet", "DaemonSet", "Job", "Pod", "Service", "Ingress",
            "ConfigMap", "PersistentVolumeClaim");

    private final ClusterCalls calls;
    private final CurrentUser currentUser;

    ClusterResources(ClusterCalls calls, CurrentUser currentUser) {
        this.calls = calls;
        this.currentUser = currentUser;
    }

    public List<String> namespaces(String cluster) {
        currentUser.require(Role.VIEWER);
        return calls.on(cluster, client -> client.namespaces().list().getItems().stream().map(Namespace::getMetadata)
                .map(m -> m.getName()).sorted().toList());
    }

    /** The objects of the listed kinds in a namespace. */
    public List<ObjectRow> objects(String cluster, String namespace) {
        currentUser.require(Role.VIEWER);
        return calls.on(cluster, client -> {
            List<ObjectRow> rows = new ArrayList<>();
            add(rows, client.apps().deployments(), namespace);
            add(rows, client.apps().statefulSets(), namespace);
            add(rows, client.apps().daemonSets(), namespace);
            add(rows, client.batch().v1().jobs(), namespace);
            add(rows, client.pods(), namespace);
            add(rows, client.services(), namespace);
            add(rows, client.network().v1().ingresses(), namespace);
            add(rows, client.configMaps(), namespace);
            add(rows, client.persistentVolumeClaims(), namespace);
            return rows;
        });
    }

    private <T extends HasMetadata, L extends io.fabric8.kubernetes.api.model.KubernetesResourceList<T>> void add(
            List<ObjectRow> rows, MixedOperation<T, L, ?> operation, String namespace) {
        List<T> items = operation.inNamespace(namespace).list().getItems();
        items.stream().sorted(Comparator.comparing(o -> o.getMetadata().getName())).forEach(o -> rows.add(new ObjectRow(o.getApiVersion(),
                o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName(), ObjectSummary.of(o),
                o.getMetadata().getCreationTimestamp() == null ? null : Instant.parse(o.getMetadata().getCreationTimestamp()))));
    }

    /** An object's live YAML without managedFields; a Secret's values are replaced by their size. */
    @SuppressWarnings("unchecked")
    public String yaml(String cluster, String apiVersion, String kind, String namespace, String name) {
        currentUser.require(Role.VIEWER);
        return calls.on(cluster, client -> {
            Map<String, Object> minimal = new LinkedHashMap<>();
            minimal.put("apiVersion", apiVersion);
            minimal.put("kind", kind);
            minimal.put("metadata", namespace == null ? Map.of("name", name) : Map.of("name", name, "namespace", namespace));
            HasMetadata resource = client.getKubernetesSerialization().unmarshal(client.getKubernetesSerialization().asJson(minimal));
            HasMetadata live = client.resource(resource).get();
            if (live == null) {
                throw new NotFoundException(kind + " " + (namespace == null ? "" : namespace + "/") + name + " does not exist on " + cluster);
            }
            Map<String, Object> map = client.getKubernetesSerialization().convertValue(live, LinkedHashMap.class);
            if (map.get("metadata") instanceof Map<?, ?> metadata) {
                ((Map<String, Object>) metadata).remove("managedFields");
            }
            map = io.chartroom.base.crypto.SecretMask.mask(map);
            return new org.snakeyaml.engine.v2.api.Dump(org.snakeyaml.engine.v2.api.DumpSettings.builder()
                    .setDefaultFlowStyle(org.snakeyaml.engine.v2.common.FlowStyle.BLOCK).setIndicatorIndent(2).setIndentWithIndicator(true)
                    .build()).dumpToString(map);
        });
    }

    /** Recent events of a namespace, or of one object in it, newest first. */
    public List<EventRow> events(String cluster, String namespace, String name) {
        currentUser.require(Role.VIEWER);
        return calls.on(cluster, client -> {
            var events = client.v1().events().inNamespace(namespace);
            List<Event> items = (name == null ? events.list() : events.withField("involvedObject.name", name).list()).getItems();
            return items.stream().map(e -> new EventRow(time(e), e.getType(), e.getReason(),
                            e.getInvolvedObject() == null ? "" : e.getInvolvedObject().getKind() + " " + e.getInvolvedObject().getName(),
                            e.getMessage(), e.getCount() == null ? 1 : e.getCount()))
                    .sorted(Comparator.comparing(EventRow::at, Comparator.nullsLast(Comparator.reverseOrder()))).limit(100).toList();
        });
    }

    private static Instant time(Event e) {
        String t = e.getLastTimestamp() != null ? e.getLastTimestamp() : e.getEventTime() != null ? e.getEventTime().getTime() : null;
        try {
            return t == null ? null : Instant.parse(t);
        } catch (RuntimeException ignored) {
            return null;
        }
    }
}
