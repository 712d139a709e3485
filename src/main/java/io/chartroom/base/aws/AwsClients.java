package io.chartroom.base.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * AWS clients for EKS, STS and SSM, per region (and role): credentials from the default provider chain,
 * optionally assuming a role through STS; one endpoint override for local stubs. Clients are kept and reused.
 */
@Component
public class AwsClients implements AutoCloseable {

    private final AwsSettings settings;
    private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();
    /** The default chain, resolved lazily and shared: it caches what it found (and refreshes it). */
    private final DefaultCredentialsProvider defaults = DefaultCredentialsProvider.builder().build();

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
    }

    /** The default credentials, or a role assumed with them (one provider per role, renewed by STS before it expires). */
    public AwsCredentialsProvider credentials(String region, String roleArn) {
        if (roleArn == null || roleArn.isBlank()) {
            return defaults;
        }
        StsClient sts = cached("sts|" + region, () -> {
            var builder = StsClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(defaults);
            settings.endpoint().ifPresent(builder::endpointOverride);
            return builder.build();
        });
        return cached("role|" + region + "|" + roleArn, () -> StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("chartroom")).build());
    }

    public EksClient eks(String region, String roleArn) {
        AwsCredentialsProvider provider = credentials(region, roleArn); // outside: the map must not change inside its own update
        return cached("eks|" + region + "|" + roleArn, () -> {
            var builder = EksClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(provider);
            settings.endpoint().ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    public SsmClient ssm(String region) {
        String r = region == null || region.isBlank() ? settings.region() : region;
        if (r == null || r.isBlank()) {
            throw new IllegalStateException("no AWS region: name one in the reference (?region=...) or set chartroom.aws.region");
        }
        return cached("ssm|" + r, () -> {
            var builder = SsmClient.builder().region(Region.of(r)).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(defaults);
            settings.endpoint().ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    @SuppressWarnings("unchecked")
    private <T extends AutoCloseable> T cached(String key, java.util.function.Supplier<T> create) {
        return (T) clients.computeIfAbsent(key, k -> create.get());
    }

    @Override
    public void close() {
        clients.values().forEach(c -> {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing at shutdown
            }
        });
        defaults.close();
    }
}
