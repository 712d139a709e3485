package io.chartroom.base.aws;

import java.net.URI;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * AWS access (chartroom.aws.*). Credentials always come from the default provider chain (environment, profile,
 * web identity, instance role), never from Chartroom's configuration.
 *
 * @param region           the region for SSM when a secret reference names none
 * @param endpointOverride one endpoint for EKS, STS and SSM (a local stub in tests); empty for AWS itself
 */
@ConfigurationProperties("chartroom.aws")
public record AwsSettings(String region, String endpointOverride) {

    public Optional<URI> endpoint() {
        return endpointOverride == null || endpointOverride.isBlank() ? Optional.empty() : Optional.of(URI.create(endpointOverride));
    }
}
