package io.chartroom.catalog.service;

import io.chartroom.base.crypto.SecretCipher;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.ChartRepositoryStore;
import io.chartroom.catalog.domain.RepositoryAuth;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * HTTP for chart repositories: the repository's credentials and CA, redirects followed by hand so that every
 * hop passes the {@link NetworkGuard}, bounded sizes, and errors an admin can act on. Credentials are sent
 * only to the repository's own host.
 */
@Component
public class RepositoryHttpClient {

    private static final int MAX_REDIRECTS = 5;
    public static final String SECRET_PURPOSE = "chart-repository";

    /** What a download produced: the file (unless not modified), its size and SHA-256, and cache validators. */
    public record Download(boolean notModified, Path file, long size, String sha256, String etag, String lastModified) {}

    /** Hears how far a download got; total is -1 when the server did not say. */
    @FunctionalInterface
    public interface Progress {
        void bytes(long read, long total);
    }

    /** A request's response body, small enough to hold in memory. */
    public record TextResponse(int status, String body, Map<String, java.util.List<String>> headers) {}

    private final NetworkGuard guard;
    private final ChartRepositoryStore repositories;
    private final SecretCipher cipher;
    private final CatalogSettings settings;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    public RepositoryHttpClient(NetworkGuard guard, ChartRepositoryStore repositories, SecretCipher cipher, CatalogSettings settings) {
        this.guard = guard;
        this.repositories = repositories;
        this.cipher = cipher;
        this.settings = settings;
    }

    /**
     * Downloads into {@code target}, at most {@code maxBytes}, with conditional headers when given
     * (a 304 answer gives {@code notModified}). Reports bytes read to {@code progress}.
     */
    public Download download(ChartRepository repo, URI uri, Path target, long maxBytes, String ifNoneMatch,
                             String ifModifiedSince, String what, Progress progress) {
        return download(repo, uri, target, maxBytes, ifNoneMatch, ifModifiedSince, what, progress, authorization(repo));
    }

    /** As above, with an Authorization header of the caller's choosing (an OCI registry token). */
    public Download download(ChartRepository repo, URI uri, Path target, long maxBytes, String ifNoneMatch,
                             String ifModifiedSince, String what, Progress progress, String authorization) {
        HttpResponse<InputStream> response = send(repo, uri, builder -> {
            if (ifNoneMatch != null) builder.header("If-None-Match", ifNoneMatch);
            if (ifModifiedSince != null) builder.header("If-Modified-Since", ifModifiedSince);
        }, authorization, repositoryOrigin(repo), what, false);
        try (InputStream body = response.body()) {
            if (response.statusCode() == 304) {
                return new Download(true, null, 0, null, response.headers().firstValue("ETag").orElse(ifNoneMatch),
                        response.headers().firstValue("Last-Modified").orElse(ifModifiedSince));
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw new RepositoryFetchException(what + " is " + megabytes(declared) + ", more than the limit of " + megabytes(maxBytes));
            }
            MessageDigest sha = sha256();
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(target)) {
                for (int n; (n = body.read(buffer)) > 0; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw new RepositoryFetchException(what + " is larger than the limit of " + megabytes(maxBytes));
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    progress.bytes(total, declared);
                }
            }
            return new Download(false, target, total, HexFormat.of().formatHex(sha.digest()),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
        } catch (IOException e) {
            throw new RepositoryFetchException("reading " + what + " from " + uri.getHost() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * A small request (OCI API calls, token services); {@code authorization} goes to the request's own host (a
     * registry's token service may live elsewhere), never to a host it redirects to. Error statuses are returned.
     */
    public TextResponse get(ChartRepository repo, URI uri, String accept, String authorization, String what) {
        HttpResponse<InputStream> response = send(repo, uri, b -> b.header("Accept", accept), authorization, uri, what, true);
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(4 * 1024 * 1024);
            return new TextResponse(response.statusCode(), new String(bytes, StandardCharsets.UTF_8), response.headers().map());
        } catch (IOException e) {
            throw new RepositoryFetchException("reading " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** The Authorization header the repository's credentials give, or null. */
    public @Nullable String authorization(ChartRepository repo) {
        if (repo.authType() == RepositoryAuth.NONE || !repo.hasSecret()) {
            return null;
        }
        String secret = repositories.encryptedSecret(repo.id()).map(box -> cipher.decrypt(box, SECRET_PURPOSE)).orElse("");
        return repo.authType() == RepositoryAuth.BASIC
                ? "Basic " + Base64.getEncoder().encodeToString((repo.username() + ":" + secret).getBytes(StandardCharsets.UTF_8))
                : "Bearer " + secret;
    }

    private static URI repositoryOrigin(ChartRepository repo) {
        return URI.create(repo.baseUrl().replaceFirst("^oci://", repo.plainHttp() ? "http://" : "https://"));
    }

    /**
     * Whether a request goes to the origin the credentials are for: same scheme, host and port. A redirect to
     * another port, or from https to http, gets no credentials.
     */
    static boolean sameOrigin(URI credentials, URI request) {
        return credentials.getScheme() != null && credentials.getScheme().equalsIgnoreCase(request.getScheme())
                && credentials.getHost() != null && credentials.getHost().equalsIgnoreCase(request.getHost())
                && port(credentials) == port(request);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Sends a GET, following redirects by hand; credentials go only to {@code credentialOrigin}. */
    private HttpResponse<InputStream> send(ChartRepository repo, URI uri, Consumer<HttpRequest.Builder> headers,
                                           String authorization, URI credentialOrigin, String what, boolean passErrors) {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            guard.check(current);
            HttpRequest.Builder builder = HttpRequest.newBuilder(current).timeout(settings.requestTimeout())
                    .header("User-Agent", "Chartroom");
            headers.accept(builder);
            if (authorization != null && sameOrigin(credentialOrigin, current)) {
                builder.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response;
            try {
                response = client(repo).send(builder.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpConnectTimeoutException e) {
                throw new RepositoryFetchException("cannot connect to " + hostPort(current) + ": no answer within "
                        + settings.requestTimeout().toSeconds() + " s", e);
            } catch (HttpTimeoutException e) {
                throw new RepositoryFetchException(hostPort(current) + " did not answer within " + settings.requestTimeout().toSeconds() + " s", e);
            } catch (ConnectException e) {
                throw new RepositoryFetchException("cannot connect to " + hostPort(current) + " (connection refused)", e);
            } catch (SSLException e) {
                throw new RepositoryFetchException("the TLS handshake with " + hostPort(current) + " failed: " + e.getMessage()
                        + " (is the CA certificate right?)", e);
            } catch (IOException e) {
                throw new RepositoryFetchException("requesting " + what + " from " + hostPort(current) + " failed: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RepositoryFetchException("interrupted while fetching " + what, e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers().firstValue("Location").orElse(null);
                close(response);
                if (location == null) {
                    throw new RepositoryFetchException(what + ": redirect without a Location from " + current);
                }
                current = current.resolve(location);
                continue;
            }
            if (status >= 400 && !passErrors) {
                close(response);
                throw new RepositoryFetchException(statusMessage(status, what, current, authorization != null));
            }
            return response;
        }
        throw new RepositoryFetchException(what + ": more than " + MAX_REDIRECTS + " redirects, last to " + current);
    }

    static String statusMessage(int status, String what, URI uri, boolean withCredentials) {
        return switch (status) {
            case 401 -> withCredentials
                    ? "the repository refused the credentials for " + what + " (HTTP 401)"
                    : "the repository requires credentials for " + what + " (HTTP 401)";
            case 403 -> "access to " + what + " denied (HTTP 403)";
            case 404 -> what + " not found at " + uri + " (HTTP 404)";
            default -> "HTTP " + status + " for " + what + " from " + uri;
        };
    }

    private HttpClient client(ChartRepository repo) {
        String ca = repo.caCertificate() == null ? "" : repo.caCertificate().strip();
        return clients.computeIfAbsent(ca, pem -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .connectTimeout(settings.requestTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (!pem.isEmpty()) {
                builder.sslContext(sslContext(pem));
            }
            return builder.build();
        });
    }

    /** An SSL context that trusts the given PEM certificates in addition to nothing else. */
    static SSLContext sslContext(String pem) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in the PEM text");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("the CA certificate is not valid PEM: " + e.getMessage(), e);
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the connection is discarded anyway
        }
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : bytes + " bytes";
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
