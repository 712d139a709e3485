package io.chartroom.secrets.service;

import io.chartroom.base.aws.AwsClients;
import io.chartroom.secrets.domain.SecretReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * Resolves secret references in values at apply time, from AWS SSM Parameter Store (decrypted). Values are
 * kept in memory for a few minutes only, so that a reconcile pass does not call SSM for every unit; never
 * written anywhere, never logged. Errors name the reference, never a value.
 */
@Service
public class SecretResolver {

    /**
     * Values with their references replaced; the references; the secrets themselves (so that output can mask
     * them); a fingerprint that changes when a secret does.
     */
    public record Resolved(Map<String, Object> values, List<String> references, java.util.Set<String> secrets, String fingerprint) {
        public boolean any() {
            return !references.isEmpty();
        }
    }

    /** A reference that cannot be resolved: which, and why. */
    public static class UnresolvableSecretException extends RuntimeException {
        public UnresolvableSecretException(String message) {
            super(message);
        }
    }

    private record Cached(String value, Instant at) {}

    private static final Duration TTL = Duration.ofMinutes(5);

    private final AwsClients aws;
    private final Clock clock;
    private final Map<SecretReference, Cached> cache = new ConcurrentHashMap<>();

    public SecretResolver(AwsClients aws, Clock clock) {
        this.aws = aws;
        this.clock = clock;
    }

    /** A copy of the values with every reference replaced by its secret. No caller check: only the reconciler calls this. */
    public Resolved resolve(Map<String, Object> values) {
        List<String> references = new ArrayList<>();
        java.util.Set<String> secrets = new java.util.HashSet<>();
        java.security.MessageDigest digest = sha256();
        Object resolved = walk(values, references, secrets, digest);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) resolved;
        return new Resolved(map, references, secrets, java.util.HexFormat.of().formatHex(digest.digest()));
    }

    private Object walk(Object value, List<String> references, java.util.Set<String> secrets, java.security.MessageDigest digest) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), walk(v, references, secrets, digest)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> walk(v, references, secrets, digest)).toList();
        }
        SecretReference reference;
        try {
            reference = SecretReference.parse(value).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new UnresolvableSecretException(e.getMessage());
        }
        if (reference == null) {
            return value;
        }
        String secret = lookup(reference);
        references.add(reference.toString());
        secrets.add(secret);
        digest.update((reference + "=" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return secret;
    }

    private String lookup(SecretReference reference) {
        Cached cached = cache.get(reference);
        if (cached != null && cached.at().plus(TTL).isAfter(clock.instant())) {
            return cached.value();
        }
        try {
            String value = aws.ssm(reference.region()).getParameter(r -> r.name(reference.parameter()).withDecryption(true)).parameter().value();
            cache.put(reference, new Cached(value, clock.instant()));
            return value;
        } catch (ParameterNotFoundException e) {
            throw new UnresolvableSecretException("the SSM parameter of " + reference + " does not exist");
        } catch (SsmException e) {
            throw new UnresolvableSecretException("SSM refused " + reference + ": " + e.awsErrorDetails().errorMessage());
        } catch (RuntimeException e) {
            throw new UnresolvableSecretException("cannot read " + reference + " from SSM: " + e.getMessage());
        }
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
