package io.chartroom.reconcile.plan;

import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.render.service.HelmDocument;
import io.chartroom.releases.values.ValuesTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects a unit should have on its cluster, from the rendered manifest: each in the release's namespace
 * unless cluster-scoped or namespaced by the chart, labelled as Chartroom's (release, environment) and
 * annotated with the revision, with the defaults Kubernetes 1.20's server-side apply needs filled in, and
 * the release's Namespace first. Ordered for applying: CRDs (from crds/) first, then Helm's kind order. Hooks
 * and tests come along, marked with their phase: the sync runs them apart.
 */
public final class DesiredObjects {

    public static final String MANAGED = "chartroom.io/managed";
    public static final String RELEASE = "chartroom.io/release";
    public static final String ENVIRONMENT = "chartroom.io/environment";
    public static final String REVISION = "chartroom.io/revision";

    /** Kinds without a namespace (the common ones; custom cluster-scoped kinds keep what the chart says). */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding",
            "PersistentVolume", "StorageClass", "PriorityClass", "APIService", "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration", "IngressClass", "RuntimeClass", "CSIDriver", "Node", "PodSecurityPolicy",
            "VolumeAttachment", "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration");

    /** Helm's install order; kinds not listed come after. */
    private static final List<String> ORDER = List.of("Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
            "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
            "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
            "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
            "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
            "IngressClass", "Ingress", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    private DesiredObjects() {}

    /**
     * One object to apply, with where Helm install puts it: a CRD (first), an ordinary object, or a hook of a
     * phase with its weight and delete policies.
     */
    public record Desired(ObjectRef ref, Map<String, Object> object, HelmDocument.Phase phase, Set<String> events, int weight,
                   Set<String> deletePolicies) {
        Desired(ObjectRef ref, Map<String, Object> object) {
            this(ref, object, HelmDocument.Phase.OBJECT, Set.of(), 0, Set.of());
        }

        /** Part of the release's inventory (applied on every sync, compared for drift, pruned when gone): not a hook. */
        public boolean inventory() {
            return phase == HelmDocument.Phase.OBJECT || phase == HelmDocument.Phase.CRD;
        }
    }

    public static List<Desired> from(String manifest, String release, String environment, String namespace, String revision) {
        List<Desired> objects = new ArrayList<>();
        boolean namespacePresent = false;
        for (HelmDocument document : HelmDocument.parse(manifest)) {
            if (document.object() == null) {
                continue;
            }
            Map<String, Object> object = ValuesTree.copy(document.object());
            String kind = String.valueOf(object.get("kind"));
            Map<String, Object> metadata = child(object, "metadata");
            if (CLUSTER_SCOPED.contains(kind)) {
                metadata.remove("namespace");
            } else if (metadata.get("namespace") == null) {
                metadata.put("namespace", namespace);
            }
            label(metadata, release, environment, revision);
            defaults(object);
            namespacePresent |= kind.equals("Namespace") && namespace.equals(metadata.get("name"));
            objects.add(new Desired(ref(object), object, document.phase(), document.hookEvents(), document.weight(),
                    document.deletePolicies()));
        }
        if (!namespacePresent) {
            Map<String, Object> ns = new LinkedHashMap<>();
            ns.put("apiVersion", "v1");
            ns.put("kind", "Namespace");
            Map<String, Object> metadata = child(ns, "metadata");
            metadata.put("name", namespace);
            // shared by every release in it: only marked as Chartroom's, so that releases do not fight over it
            child(metadata, "labels").put(MANAGED, "true");
            objects.add(new Desired(ref(ns), ns));
        }
        // CRDs first (crds/ as Helm install applies them), then Helm's kind order
        objects.sort(Comparator.comparingInt((Desired d) -> d.phase() == HelmDocument.Phase.CRD ? -1 : rank(d.ref().kind())));
        return objects;
    }

    /** The hooks for one event, e.g. "pre-upgrade". */
    public static List<Desired> hooks(List<Desired> all, String event) {
        return all.stream().filter(d -> !d.inventory() && d.events().contains(event)).toList();
    }

    public static int rank(String kind) {
        int index = ORDER.indexOf(kind);
        return index < 0 ? ORDER.size() : index;
    }

    public static ObjectRef ref(Map<String, Object> object) {
        Map<String, Object> metadata = child(object, "metadata");
        Object ns = metadata.get("namespace");
        return new ObjectRef(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")),
                ns == null ? null : String.valueOf(ns), String.valueOf(metadata.get("name")));
    }

    private static void label(Map<String, Object> metadata, String release, String environment, String revision) {
        Map<String, Object> labels = child(metadata, "labels");
        labels.put(MANAGED, "true");
        labels.put(RELEASE, release);
        labels.put(ENVIRONMENT, environment);
        child(metadata, "annotations").put(REVISION, revision);
    }

    /**
     * What the API server would default, where server-side apply on Kubernetes 1.20 needs it present: the
     * protocol of Service ports and container ports (list keys), else the apply fails with HTTP 500.
     */
    @SuppressWarnings("unchecked")
    public static void defaults(Map<String, Object> object) {
        String kind = String.valueOf(object.get("kind"));
        Map<String, Object> spec = object.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        if (spec == null) {
            return;
        }
        if (kind.equals("Service")) {
            defaultProtocols(spec.get("ports"));
        }
        Map<String, Object> podSpec = switch (kind) {
            case "Pod" -> spec;
            case "CronJob" -> nested(spec, "jobTemplate", "spec", "template", "spec");
            default -> nested(spec, "template", "spec");
        };
        if (podSpec != null) {
            for (String containers : List.of("containers", "initContainers")) {
                if (podSpec.get(containers) instanceof List<?> list) {
                    list.forEach(c -> {
                        if (c instanceof Map<?, ?> container) {
                            defaultProtocols(container.get("ports"));
                        }
                    });
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void defaultProtocols(Object ports) {
        if (ports instanceof List<?> list) {
            list.forEach(p -> {
                if (p instanceof Map<?, ?> port) {
                    ((Map<String, Object>) port).putIfAbsent("protocol", "TCP");
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }
}
