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

    public String identity() {
        return group() + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }
}
