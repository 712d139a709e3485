package io.chartroom.reconcile.health;

import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import java.util.Map;
import java.util.Set;

/**
 * Health of live objects, one check per API group and kind as in Argo CD's gitops-engine: the group decides too,
 * so a custom resource called Deployment is not judged as apps/Deployment. Built-in kinds without a check
 * (ConfigMap, Secret, RBAC, ...) are HEALTHY once they exist; custom resources are read by their conditions and
 * phase ({@link ConditionsHealth}). An object being deleted is PROGRESSING; a missing one MISSING.
 */
public final class HealthChecks {

    record GroupKind(String group, String kind) {}

    private static final Map<GroupKind, HealthCheck> CHECKS = Map.ofEntries(
            Map.entry(new GroupKind("apps", "Deployment"), new DeploymentHealth()),
            Map.entry(new GroupKind("apps", "StatefulSet"), new StatefulSetHealth()),
            Map.entry(new GroupKind("apps", "DaemonSet"), new DaemonSetHealth()),
            Map.entry(new GroupKind("apps", "ReplicaSet"), new ReplicaSetHealth()),
            Map.entry(new GroupKind("batch", "Job"), new JobHealth()),
            Map.entry(new GroupKind("batch", "CronJob"), new CronJobHealth()),
            Map.entry(new GroupKind("", "Pod"), new PodHealth()),
            Map.entry(new GroupKind("", "Service"), new ServiceHealth()),
            Map.entry(new GroupKind("", "PersistentVolumeClaim"), new PersistentVolumeClaimHealth()),
            Map.entry(new GroupKind("networking.k8s.io", "Ingress"), new IngressHealth()),
            Map.entry(new GroupKind("extensions", "Ingress"), new IngressHealth()),
            Map.entry(new GroupKind("autoscaling", "HorizontalPodAutoscaler"), new HorizontalPodAutoscalerHealth()),
            Map.entry(new GroupKind("apiregistration.k8s.io", "APIService"), new APIServiceHealth()));

    private static final HealthCheck CUSTOM_RESOURCES = new ConditionsHealth();

    /** The groups the kube-apiserver serves itself; any other group is a custom resource's (or an aggregated API's). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy", "extensions",
            "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io",
            "admissionregistration.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "node.k8s.io", "discovery.k8s.io",
            "certificates.k8s.io", "flowcontrol.apiserver.k8s.io", "events.k8s.io", "resource.k8s.io", "authentication.k8s.io",
            "authorization.k8s.io", "internal.apiserver.k8s.io", "storagemigration.k8s.io");

    private HealthChecks() {}

    /** The check for the group and kind; null for a built-in kind that has none (healthy once it exists). */
    static HealthCheck of(String group, String kind) {
        HealthCheck check = CHECKS.get(new GroupKind(group, kind));
        return check != null || BUILT_IN_GROUPS.contains(group) ? check : CUSTOM_RESOURCES;
    }

    /** Whether the object's health can change while it exists (a rollout, a claim binding): worth reading again. */
    public static boolean dependsOnStatus(ObjectRef ref) {
        HealthCheck check = of(ref.group(), ref.kind());
        return check != null && check.dependsOnStatus();
    }

    /** The live object's health; MISSING when there is none. */
    public static Health assess(Map<String, Object> live) {
        if (live == null) {
            return new Health(HealthState.MISSING, "the object does not exist");
        }
        if (live.get("metadata") instanceof Map<?, ?> metadata && metadata.get("deletionTimestamp") != null) {
            return Health.progressing("being deleted");
        }
        String apiVersion = live.get("apiVersion") instanceof String v ? v : "";
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        HealthCheck check = of(group, String.valueOf(live.get("kind")));
        return check == null ? Health.healthy() : check.assess(live);
    }

    /** The worst health of the objects, Namespaces aside (shared with other releases), naming the object that makes it so. */
    public static Health worst(Map<ObjectRef, Map<String, Object>> live) {
        Health worst = Health.healthy();
        for (Map.Entry<ObjectRef, Map<String, Object>> e : live.entrySet()) {
            if (e.getKey().kind().equals("Namespace")) {
                continue;
            }
            Health h = assess(e.getValue());
            worst = worse(worst, h.state() == HealthState.HEALTHY ? h : new Health(h.state(), e.getKey() + ": " + h.message()));
        }
        return worst;
    }

    /** The worse of two verdicts, by {@link HealthState}'s order; the first one when they are as bad. */
    public static Health worse(Health a, Health b) {
        return b.state().worst(a.state()) == b.state() && b.state() != a.state() ? b : a;
    }
}
