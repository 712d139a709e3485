package io.chartroom.clusters.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.chartroom.base.aws.AwsClients;
import io.chartroom.base.aws.AwsSettings;
import io.chartroom.clusters.domain.Cluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * EKS without AWS: the token is a SigV4-presigned STS URL (checked here against an independent SigV4
 * computation), and a cluster registered as EKS is reached through DescribeCluster (a local stub) with
 * that token as its bearer.
 */
class EksConnectionTest {

    static final String KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    HttpServer aws;
    HttpServer kube;
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Test
    void theTokenIsAPresignedGetCallerIdentityWhoseSignatureIsSigV4() throws Exception {
        String token = EksTokens.token("prod-eu", "eu-central-1", AwsBasicCredentials.create(KEY, SECRET), CLOCK);
        assertThat(token).startsWith("k8s-aws-v1.").doesNotContain("=");
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8));
        assertThat(url.getHost()).isEqualTo("sts.eu-central-1.amazonaws.com");
        Map<String, String> query = query(url.getRawQuery());
        assertThat(query).containsEntry("Action", "GetCallerIdentity").containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256").containsEntry("X-Amz-Date", "20261124T120000Z")
                .containsEntry("X-Amz-Expires", "60").containsEntry("X-Amz-SignedHeaders", "host;x-k8s-aws-id")
                .containsEntry("X-Amz-Credential", KEY + "/20261124/eu-central-1/sts/aws4_request");
        assertThat(query.get("X-Amz-Signature")).isEqualTo(expectedSignature(url.getRawQuery(), "prod-eu"));
    }

    /** SigV4 by the book (docs.aws.amazon.com, "Create a signed AWS API request"), with nothing from the SDK. */
    static String expectedSignature(String rawQuery, String clusterName) throws Exception {
        TreeMap<String, String> params = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            if (!kv[0].equals("X-Amz-Signature")) {
                params.put(kv[0], kv[1]);
            }
        }
        String canonicalQuery = String.join("&", params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        String canonicalRequest = String.join("\n", "GET", "/", canonicalQuery,
                "host:sts.eu-central-1.amazonaws.com", "x-k8s-aws-id:" + clusterName, "", "host;x-k8s-aws-id", hex(sha256("")));
        String scope = "20261124/eu-central-1/sts/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", "20261124T120000Z", scope, hex(sha256(canonicalRequest)));
        byte[] key = hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), "20261124");
        key = hmac(key, "eu-central-1");
        key = hmac(key, "sts");
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    @BeforeEach
    void stubs() throws Exception {
        System.setProperty("aws.accessKeyId", KEY);
        System.setProperty("aws.secretAccessKey", SECRET);
        kube = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        kube.createContext("/", ex -> {
            seen.add("kube " + ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.4-eks-2a7f\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        kube.start();
        aws = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        aws.createContext("/", ex -> {
            seen.add("aws " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            String response = """
                    {"cluster":{"name":"prod-eu","arn":"arn:aws:eks:eu-central-1:123456789012:cluster/prod-eu","version":"1.31",
                     "endpoint":"http://127.0.0.1:%d","status":"ACTIVE","certificateAuthority":{"data":"%s"}}}"""
                    .formatted(kube.getAddress().getPort(), Base64.getEncoder().encodeToString("-----BEGIN CERTIFICATE-----\n".getBytes()));
            byte[] body = response.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/clusters/prod-eu") ? 200 : 404, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        aws.start();
    }

    @AfterEach
    void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        aws.stop(0);
        kube.stop(0);
    }

    @Test
    void anEksClusterIsFoundThroughDescribeClusterAndAnswersToTheToken() {
        AwsClients clients = new AwsClients(new AwsSettings("eu-central-1", "http://127.0.0.1:" + aws.getAddress().getPort()));
        ClusterConnections connections = new ClusterConnections(null, null, clients, null, Clock.systemUTC(), Duration.ofSeconds(5),
                new ClusterRequestMeter(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        Cluster cluster = new Cluster(1, "prod-eu", "", Map.of(), null, Cluster.Kind.EKS, null, null, "eu-central-1", "prod-eu", null, null,
                Instant.now(), false);
        try (KubernetesClient client = connections.open(cluster, ClusterCredentials.none(), null)) {
            assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.31.4-eks-2a7f");
        } finally {
            clients.close();
        }
        assertThat(seen).anySatisfy(s -> assertThat(s).isEqualTo("aws GET /clusters/prod-eu"));
        String auth = seen.stream().filter(s -> s.startsWith("kube /version")).findFirst().orElseThrow();
        String token = auth.substring(auth.indexOf("Bearer ") + "Bearer ".length());
        String url = new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8);
        assertThat(url).startsWith("https://sts.eu-central-1.amazonaws.com/?Action=GetCallerIdentity").contains("X-Amz-Credential=" + KEY);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private static byte[] sha256(String text) throws Exception {
        return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
