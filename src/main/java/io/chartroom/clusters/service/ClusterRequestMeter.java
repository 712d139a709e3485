package io.chartroom.clusters.service;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts the requests Chartroom makes to each cluster's API server, by cluster and kind of request (read, watch,
 * write): {@code chartroom.kube.requests} in the metrics. What an operator checks when asking what a quiet fleet
 * costs its API servers, and what benchmarks measure Chartroom's own reads by (the server also counts its own).
 */
@Component
public class ClusterRequestMeter {

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    ClusterRequestMeter(MeterRegistry meters) {
        this.meters = meters;
    }

    /** How many requests of this kind ({@code read}, {@code watch}, {@code write}) were made to the cluster since start. */
    public double count(String cluster, String kind) {
        Counter counter = counters.get(cluster + "|" + kind);
        return counter == null ? 0 : counter.count();
    }

    Interceptor interceptor(String cluster) {
        return new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                String kind = !"GET".equals(request.method()) ? "write"
                        : request.uri().getRawQuery() != null && request.uri().getRawQuery().contains("watch=true") ? "watch" : "read";
                counters.computeIfAbsent(cluster + "|" + kind, key -> Counter.builder("chartroom.kube.requests")
                        .description("Requests made to a cluster's API server").tag("cluster", cluster).tag("kind", kind)
                        .register(meters)).increment();
            }
        };
    }
}
