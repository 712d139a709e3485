package io.chartroom.audit.service;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The checkpoint in a ConfigMap of the portal's own namespace, shared by its replicas (`chartroom.audit.checkpoint-
 * config-map`): nothing of it lives on a replica's disk, so a replica may start on an empty volume. Writes are
 * compare-and-swap on the ConfigMap's resourceVersion: a replica never overwrites a head another wrote meanwhile
 * without reading it. Its text is signed like the file's: whoever may edit the ConfigMap still cannot forge it.
 */
final class ConfigMapCheckpointStore implements CheckpointStore {

    static final String KEY = "audit.checkpoint";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    ConfigMapCheckpointStore(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    @Override
    public synchronized @Nullable String read() throws IOException {
        try {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
            return map == null || map.getData() == null ? null : map.getData().get(KEY);
        } catch (KubernetesClientException e) {
            throw new IOException("cannot read the ConfigMap " + where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean write(@Nullable String expected, String text) throws IOException {
        try {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
            String stored = map == null || map.getData() == null ? null : map.getData().get(KEY);
            if (!Objects.equals(stored, expected)) {
                return false;
            }
            if (map == null) {
                client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                        .addToLabels("app.kubernetes.io/component", "audit-checkpoint").endMetadata().withData(Map.of(KEY, text)).build()).create();
            } else {
                map.setData(Map.of(KEY, text));
                client.configMaps().inNamespace(namespace).resource(map).lockResourceVersion(map.getMetadata().getResourceVersion()).update();
            }
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false; // another replica created or changed it between the read and the write
            }
            throw new IOException("cannot write the ConfigMap " + where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String where() {
        return "ConfigMap " + namespace + "/" + name;
    }

    @Override
    public boolean shared() {
        return true;
    }
}
