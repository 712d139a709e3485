package io.chartroom.clusters.service;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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

    /**
     * The last reads made to each cluster (time, method, path and query), newest last: what a benchmark names when reads
     * are not zero; the query tells an informer's relist ({@code resourceVersion}, {@code limit}) from a plain get.
     */
    private final Map<String, Deque<String>> recentReads = new ConcurrentHashMap<>();
    private static final int RECENT = 20;

    public List<String> recentReads(String cluster) {
        Deque<String> reads = recentReads.get(cluster);
        if (reads == null) {
            return List.of();
        }
        synchronized (reads) {
            return List.copyOf(reads);
        }
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
                if (kind.equals("read")) {
                    Deque<String> reads = recentReads.computeIfAbsent(cluster, c -> new ArrayDeque<>());
                    synchronized (reads) {
                        if (reads.size() == RECENT) {
                            reads.removeFirst();
                        }
                        String query = request.uri().getRawQuery();
                        reads.addLast(Instant.now() + " " + request.method() + " " + request.uri().getRawPath() + (query == null ? "" : "?" + query));
                    }
                }
                counters.computeIfAbsent(cluster + "|" + kind, key -> Counter.builder("chartroom.kube.requests")
                        .description("Requests made to a cluster's API server").tag("cluster", cluster).tag("kind", kind)
                        .register(meters)).increment();
            }
        };
    }
}
