package io.chartroom.reconcile.cluster;

import io.chartroom.reconcile.plan.DesiredObjects;
import io.chartroom.reconcile.domain.ObjectRef;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One cluster's objects as plain maps: server-side apply (field manager "chartroom"), read, delete, and waiting
 * for a CRD to be established. Built-in kinds go through fabric8's typed handlers (no discovery needed);
 * other kinds through discovery. Counts the writes it makes.
 */
public final class KubeObjects {

    public static final String FIELD_MANAGER = "chartroom";

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;
    private final boolean forceConflicts;
    private final AtomicLong writes;

    public KubeObjects(KubernetesClient client, boolean forceConflicts, AtomicLong writes) {
        this.client = client;
        this.serialization = client.getKubernetesSerialization();
        this.forceConflicts = forceConflicts;
        this.writes = writes;
    }

    /**
     * Applies the object; returns it as the cluster now holds it (normalized by the API server): what drift is
     * measured against, and what health is read from, saving a GET.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(Map<String, Object> object) {
        writes.incrementAndGet();
        Map<String, Object> answer = applyAs(object, false);
        return answer == null ? null : HelmFieldOwnership.entriesWithout(answer).map(rest -> takeOverFromHelm(object, answer, rest)).orElse(answer);
    }

    /**
     * Removes Helm's field manager entries from an object Chartroom just applied (see {@link HelmFieldOwnership}), at the
     * resource version it answered: a change in between keeps them until the next apply.
     */
    private Map<String, Object> takeOverFromHelm(Map<String, Object> object, Map<String, Object> answer, List<Object> remaining) {
        Object version = answer.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("resourceVersion") : null;
        String patch = serialization.asJson(Map.of("metadata", Map.of("managedFields", remaining, "resourceVersion", String.valueOf(version))));
        PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
        writes.incrementAndGet();
        try {
            HasMetadata resource = typed(object);
            Object live = resource instanceof GenericKubernetesResource generic
                    ? client.genericKubernetesResources(context(generic)).resource(generic).patch(merge, patch)
                    : client.resource(resource).patch(merge, patch);
            return serialization.convertValue(live, LinkedHashMap.class);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return answer;
            }
            throw e;
        }
    }

    /**
     * What the API server would make of the object, without storing it (server-side apply with dryRun=All): the
     * reference for drift after a restart, when the last apply's answer is gone.
     */
    public Map<String, Object> dryRunApply(Map<String, Object> object) {
        return applyAs(object, true);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> applyAs(Map<String, Object> object, boolean dryRun) {
        HasMetadata resource = typed(object);
        Object live;
        if (resource instanceof GenericKubernetesResource generic) {
            var base = client.genericKubernetesResources(context(generic)).resource(generic);
            var op = (dryRun ? base.dryRun() : base).fieldManager(FIELD_MANAGER);
            live = (forceConflicts ? op.forceConflicts() : op).serverSideApply();
        } else {
            var base = client.resource(resource);
            var op = (dryRun ? base.dryRun() : base).fieldManager(FIELD_MANAGER);
            live = (forceConflicts ? op.forceConflicts() : op).serverSideApply();
        }
        return live == null ? null : serialization.convertValue(live, LinkedHashMap.class);
    }

    /** The live object, or null when it does not exist. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> get(ObjectRef ref) {
        HasMetadata resource = typed(minimal(ref));
        try {
            Object live = resource instanceof GenericKubernetesResource generic
                    ? client.genericKubernetesResources(context(generic)).resource(generic).get()
                    : client.resource(resource).get();
            return live == null ? null : serialization.convertValue(live, LinkedHashMap.class);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Every object of a built-in kind that Chartroom manages on the cluster, by namespace and name: one request
     * instead of one per object. Null for kinds fabric8 does not know.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> listManaged(String apiVersion, String kind) {
        Class<? extends KubernetesResource> type = serialization.getRegisteredKubernetesResource(apiVersion, kind);
        if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
            return null;
        }
        Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
        for (HasMetadata item : client.resources(type.asSubclass(HasMetadata.class)).inAnyNamespace()
                .withLabel(DesiredObjects.MANAGED, "true").list().getItems()) {
            Map<String, Object> object = serialization.convertValue(item, LinkedHashMap.class);
            object.put("apiVersion", apiVersion);
            object.put("kind", kind);
            byName.put(key(item.getMetadata().getNamespace(), item.getMetadata().getName()), object);
        }
        return byName;
    }

    /**
     * An informer (not started) over the kind's managed objects in every namespace: typed for built-in kinds,
     * through discovery for others. It lists once, then follows watch events.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public SharedIndexInformer<HasMetadata> informManaged(String apiVersion, String kind) {
        Class<? extends KubernetesResource> type = serialization.getRegisteredKubernetesResource(apiVersion, kind);
        if (type != null && HasMetadata.class.isAssignableFrom(type)) {
            return (SharedIndexInformer) client.resources(type.asSubclass(HasMetadata.class)).inAnyNamespace()
                    .withLabel(DesiredObjects.MANAGED, "true").runnableInformer(0);
        }
        GenericKubernetesResource probe = serialization.convertValue(Map.of("apiVersion", apiVersion, "kind", kind,
                "metadata", Map.of("name", "probe")), GenericKubernetesResource.class);
        return (SharedIndexInformer) client.genericKubernetesResources(context(probe)).inAnyNamespace()
                .withLabel(DesiredObjects.MANAGED, "true").runnableInformer(0);
    }

    /** An object as the maps this class answers with. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap(HasMetadata object, String apiVersion, String kind) {
        Map<String, Object> map = serialization.convertValue(object, LinkedHashMap.class);
        map.putIfAbsent("apiVersion", apiVersion);
        map.putIfAbsent("kind", kind);
        return map;
    }

    /** How {@link #listManaged} names an object. */
    public static String key(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }

    /** Deletes (in the background, dependents too); false if it was already gone. */
    public boolean delete(ObjectRef ref) {
        HasMetadata resource = typed(minimal(ref));
        writes.incrementAndGet();
        try {
            var deleted = resource instanceof GenericKubernetesResource generic
                    ? client.genericKubernetesResources(context(generic)).resource(generic).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete()
                    : client.resource(resource).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            return !deleted.isEmpty();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Waits until the CRD's names are served, so that its custom resources can be applied next: its Established
     * condition, then its kind in discovery for every served version (a real API server updates discovery a moment
     * after it sets the condition; applying in between fails with "not served").
     */
    public void awaitEstablished(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name)
                .waitUntilCondition(KubeObjects::established, timeout.toMillis(), TimeUnit.MILLISECONDS);
        String kind = crd.getSpec().getNames().getKind();
        for (var version : crd.getSpec().getVersions()) {
            if (Boolean.TRUE.equals(version.getServed())) {
                awaitDiscovered(crd.getSpec().getGroup() + "/" + version.getName(), kind, deadline, name);
            }
        }
    }

    private void awaitDiscovered(String apiVersion, String kind, long deadline, String crdName) {
        while (!served(apiVersion, kind)) {
            if (System.nanoTime() > deadline) {
                throw new KindNotServed("CRD " + crdName + " is established but the cluster does not serve " + kind + " in " + apiVersion);
            }
            try {
                Thread.sleep(50); // discovery catches up within a few hundred ms on a real API server
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KindNotServed("interrupted while waiting for " + kind + " in " + apiVersion + " to be served");
            }
        }
    }

    private boolean served(String apiVersion, String kind) {
        try {
            var found = client.getApiResources(apiVersion);
            return found != null && found.getResources().stream().anyMatch(r -> r.getKind().equals(kind) && !r.getName().contains("/"));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private HasMetadata typed(Map<String, Object> object) {
        Class<? extends KubernetesResource> type = serialization.getRegisteredKubernetesResource(
                String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")));
        if (type != null && HasMetadata.class.isAssignableFrom(type)) {
            return (HasMetadata) serialization.convertValue(object, type);
        }
        return serialization.convertValue(object, GenericKubernetesResource.class);
    }

    /** A kind the cluster does not serve (its CRD is gone): none of its objects can exist there. */
    public static final class KindNotServed extends IllegalStateException {
        KindNotServed(String message) {
            super(message);
        }
    }

    /** Custom kinds: found through discovery (the real API serves it). */
    private ResourceDefinitionContext context(GenericKubernetesResource resource) {
        var found = client.getApiResources(resource.getApiVersion());
        if (found != null) {
            for (var r : found.getResources()) {
                if (r.getKind().equals(resource.getKind()) && !r.getName().contains("/")) {
                    String apiVersion = resource.getApiVersion();
                    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                    String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
                    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(r.getKind())
                            .withPlural(r.getName()).withNamespaced(Boolean.TRUE.equals(r.getNamespaced())).build();
                }
            }
        }
        throw new KindNotServed("the cluster does not serve " + resource.getKind() + " in " + resource.getApiVersion());
    }

    private static Map<String, Object> minimal(ObjectRef ref) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", ref.apiVersion());
        object.put("kind", ref.kind());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", ref.name());
        if (ref.namespace() != null) {
            metadata.put("namespace", ref.namespace());
        }
        object.put("metadata", metadata);
        return object;
    }
}
