package io.chartroom.reconcile.domain;

/** A Kubernetes object by identity; namespace is null for cluster-scoped objects. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    @Override
    public String toString() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    /** The API group (empty for the core group), which with kind, namespace and name identifies an object across versions. */
    public String group() {
        return apiVersion != null && apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    /** Whether removing a release deletes it: namespaces are shared with other releases; a CRD's removal takes every
     * custom resource of its kind with it, so only where the environment says so. */
    public boolean prunable(boolean pruneCrds) {
        return !kind.equals("Namespace") && (pruneCrds || !kind.equals("CustomResourceDefinition"));
    }

    public String identity() {
        return group() + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }
}
