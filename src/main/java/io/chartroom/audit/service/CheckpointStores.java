package io.chartroom.audit.service;

import io.chartroom.base.settings.DataDirectory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where this installation keeps its audit checkpoint: {@code chartroom.audit.checkpoint-config-map} names a ConfigMap in
 * the portal's own namespace (several replicas: reached with the pod's service account, which the chart allows to
 * read and write that one ConfigMap); without it, {@code <data-dir>/audit.checkpoint}.
 */
@Configuration(proxyBeanMethods = false)
class CheckpointStores {

    @Bean
    CheckpointStore checkpointStore(DataDirectory data, @Value("${chartroom.audit.checkpoint-config-map:}") String configMap) {
        if (configMap.isBlank()) {
            return new FileCheckpointStore(data.root().resolve("audit.checkpoint"));
        }
        KubernetesClient client = new KubernetesClientBuilder().build(); // in a pod: its service account and namespace
        return new ConfigMapCheckpointStore(client, client.getNamespace() == null ? "default" : client.getNamespace(), configMap.strip());
    }
}
