package io.chartroom.clusters.service;

import io.chartroom.base.aws.AwsClients;
import io.chartroom.base.crypto.SecretCipher;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.domain.ClusterRepository;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.eks.model.DescribeClusterResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kubernetes clients for the registered clusters, made from their (decrypted) credentials and kept per cluster
 * until the cluster changes. Every client fails fast: short timeouts and no blind retries of server errors
 * (fabric8 would otherwise retry an HTTP 500 ten times), because the reconciler has its own back-off per unit.
 * No caller check here: the reconciler and the services that check their callers use it.
 */
@Component
public class ClusterConnections {

    static final String PURPOSE = "cluster-credentials";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Changes made on this replica drop the client at once; another replica's are seen within this long. */
    private static final Duration RECHECK = Duration.ofSeconds(10);

    private record Connection(Instant version, KubernetesClient client, Instant checkedAt) {}

    private final ClusterRepository clusters;
    private final SecretCipher cipher;
    private final AwsClients aws;
    private final SimulatedClusters simulated;
    private final Clock clock;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retiring = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cluster-client-retire").daemon().factory());

    private final Duration requestTimeout;
    private final ClusterRequestMeter requests;

    ClusterConnections(ClusterRepository clusters, SecretCipher cipher, AwsClients aws, SimulatedClusters simulated, Clock clock,
                       @org.springframework.beans.factory.annotation.Value("${chartroom.clusters.request-timeout:15s}") Duration requestTimeout,
                       ClusterRequestMeter requests) {
        this.requests = requests;
        this.requestTimeout = requestTimeout;
        this.clusters = clusters;
        this.cipher = cipher;
        this.aws = aws;
        this.simulated = simulated;
        this.clock = clock;
    }

    /** The client of a registered cluster. */
    public KubernetesClient client(Cluster cluster) {
        Connection current = connections.get(cluster.name());
        Instant now = clock.instant();
        if (current != null && current.checkedAt().plus(RECHECK).isAfter(now)) {
            return current.client(); // every unit asks: no database read each time
        }
        ClusterRepository.Secrets secrets = clusters.secrets(cluster.name())
                .orElseThrow(() -> new IllegalStateException("cluster " + cluster.name() + " is not registered"));
        if (current != null && current.version().equals(secrets.updatedAt())) {
            connections.replace(cluster.name(), current, new Connection(current.version(), current.client(), now));
            return current.client();
        }
        KubernetesClient client = open(cluster, credentials(secrets.credentials()), secrets.caData());
        // registered before the flag was kept (simulated clusters are in this process: nothing to verify)
        boolean unverified = !cluster.simulated() && client.getConfiguration().isTrustCerts();
        if (unverified != cluster.tlsUnverified()) {
            clusters.recordTls(cluster.name(), unverified);
        }
        Connection previous = connections.put(cluster.name(), new Connection(secrets.updatedAt(), client, now));
        if (previous != null) {
            retire(previous.client());
        }
        return client;
    }

    /** Drops the client of a cluster that changed or was removed. */
    void forget(String name) {
        Connection previous = connections.remove(name);
        if (previous != null) {
            retire(previous.client());
        }
    }

    /**
     * Closes a replaced client once the requests already made with it had their time: an apply in flight when an
     * admin edits the cluster finishes (or times out) rather than failing with "client is closed".
     */
    private void retire(KubernetesClient client) {
        retiring.schedule(client::close, requestTimeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void closeAll() {
        retiring.shutdownNow().forEach(Runnable::run);
        connections.values().forEach(c -> c.client().close());
        connections.clear();
    }

    /** A client for a cluster as described (registered or not), e.g. to test a connection before saving. */
    KubernetesClient open(Cluster cluster, ClusterCredentials credentials, String caData) {
        Config config = switch (cluster.kind()) {
            case SIMULATED -> simulated.server(cluster.name())
                    .orElseThrow(() -> new IllegalStateException("simulated cluster " + cluster.name() + " is not running")).config();
            case KUBECONFIG -> {
                Kubeconfigs.check(credentials.kubeconfig(), cluster.contextName());
                yield Config.fromKubeconfig(cluster.contextName() == null || cluster.contextName().isBlank() ? null : cluster.contextName(),
                        credentials.kubeconfig(), null);
            }
            case TOKEN -> new ConfigBuilder(Config.empty()).withMasterUrl(cluster.apiUrl()).withOauthToken(credentials.token())
                    .withCaCertData(caData == null || caData.isBlank() ? null : base64(caData)).build();
            case EKS -> eks(cluster, credentials);
        };
        config.setRequestTimeout((int) requestTimeout.toMillis());
        config.setRequestRetryBackoffLimit(0);
        config.setWatchReconnectLimit(0);
        config.setUserAgent("chartroom");
        config.setConnectionTimeout((int) Duration.ofSeconds(5).toMillis());
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("chartroom-requests", requests.interceptor(cluster.name()))).build();
    }

    /** Endpoint and CA from DescribeCluster; tokens made locally and renewed every 10 minutes (EKS accepts 15). */
    private Config eks(Cluster cluster, ClusterCredentials credentials) {
        String region = cluster.region();
        DescribeClusterResponse described = aws.eks(region, credentials.roleArn()).describeCluster(r -> r.name(cluster.eksClusterName()));
        var provider = aws.credentials(region, credentials.roleArn());
        OAuthTokenProvider tokens = new OAuthTokenProvider() {
            private String token;
            private Instant made = Instant.EPOCH;

            @Override
            public synchronized String getToken() {
                if (token == null || made.plus(Duration.ofMinutes(10)).isBefore(clock.instant())) {
                    token = EksTokens.token(cluster.eksClusterName(), region, provider.resolveCredentials(), clock);
                    made = clock.instant();
                }
                return token;
            }
        };
        return new ConfigBuilder(Config.empty()).withMasterUrl(described.cluster().endpoint())
                .withCaCertData(described.cluster().certificateAuthority().data()).withOauthTokenProvider(tokens).build();
    }

    String encrypt(ClusterCredentials credentials) {
        return Base64.getEncoder().encodeToString(cipher.encrypt(JSON.writeValueAsString(credentials), PURPOSE));
    }

    private ClusterCredentials credentials(String encrypted) {
        if (encrypted == null) {
            return ClusterCredentials.none();
        }
        return JSON.readValue(cipher.decrypt(Base64.getDecoder().decode(encrypted), PURPOSE), ClusterCredentials.class);
    }

    /** fabric8 wants the CA base64-encoded; people paste PEM. */
    private static String base64(String caData) {
        String trimmed = caData.strip();
        if (!trimmed.startsWith("-----BEGIN")) {
            throw InvalidInputException.of("caData", "paste the CA certificate as PEM (-----BEGIN CERTIFICATE-----)");
        }
        return Base64.getEncoder().encodeToString(trimmed.getBytes(StandardCharsets.UTF_8));
    }
}
