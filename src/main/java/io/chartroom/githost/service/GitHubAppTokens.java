package io.chartroom.githost.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chartroom.githost.domain.GitHost;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Installation tokens of the GitHub App Chartroom acts as. The app's private key signs a short JWT (RS256, issued a
 * minute back for clock drift, valid 9 minutes: GitHub takes at most 10), which buys an installation token for the
 * one repository; the token is kept in memory and renewed 5 minutes before its hour ends. The key never leaves.
 */
@Component
class GitHubAppTokens {

    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    /** A minted installation token, with what the installation lets it do. */
    record InstallationToken(String token, Instant expiresAt, Map<String, String> permissions, String repositorySelection) {
        @Override
        public String toString() {
            return "InstallationToken[expires " + expiresAt + " " + permissions + "]"; // never the token
        }
    }

    private record Cached(String key, InstallationToken token) {}

    private final Clock clock;
    private @Nullable Cached cached;

    GitHubAppTokens(Clock clock) {
        this.clock = clock;
    }

    /**
     * Reads a private key as GitHub hands it out (PKCS#1, "BEGIN RSA PRIVATE KEY") or as PKCS#8; an
     * {@link IllegalArgumentException} that says what is wrong with it otherwise.
     */
    static RSAKey signingKey(String pem) {
        JWK jwk;
        try {
            jwk = JWK.parseFromPEMEncodedObjects(pem.strip());
        } catch (JOSEException | RuntimeException e) {
            throw new IllegalArgumentException("not a private key in PEM form: paste the whole .pem file GitHub generated, "
                    + "from -----BEGIN RSA PRIVATE KEY----- to its END line");
        }
        if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
            throw new IllegalArgumentException("a GitHub App signs with an RSA private key; this is " + (jwk instanceof RSAKey ? "a public key" : jwk.getKeyType()));
        }
        return rsa;
    }

    /** The installation token for the host's app, minted when none is held or the one held is near its end. */
    synchronized String token(GitHost host, String privateKey) {
        String key = cacheKey(host, privateKey);
        Cached held = cached;
        if (held == null || !held.key().equals(key) || !clock.instant().isBefore(held.token().expiresAt().minus(RENEW_BEFORE))) {
            held = new Cached(key, mint(host, privateKey));
            cached = held;
        }
        return held.token().token();
    }

    /** Asks GitHub for a new installation token limited to the host's repository; {@link HostHttp.HostRefused} says why not. */
    InstallationToken mint(GitHost host, String privateKey) {
        var answer = new GitHubApi().http(host, appJwt(host.app().appId(), privateKey))
                .write("POST", "/app/installations/" + host.app().installationId() + "/access_tokens", Map.of("repositories", List.of(host.name())));
        Map<String, String> permissions = new TreeMap<>();
        answer.path("permissions").properties().forEach(e -> permissions.put(e.getKey(), e.getValue().asString("")));
        return new InstallationToken(answer.path("token").asString(""), Instant.parse(answer.path("expires_at").asString()), permissions,
                answer.path("repository_selection").asString(""));
    }

    private String appJwt(String appId, String privateKey) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(appId.strip()).issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(9)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(signingKey(privateKey)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the app's key: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** One key per app, installation, repository and private key: another of any of them is another token. */
    private static String cacheKey(GitHost host, String privateKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(privateKey.getBytes(StandardCharsets.UTF_8));
            return host.apiUrl() + " " + host.app() + " " + host.repository() + " " + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
