package io.chartroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.RecordingHttpServer;
import io.chartroom.fixtures.RecordingHttpServer.Answer;
import io.chartroom.fixtures.SelfSignedTls;
import io.chartroom.fixtures.TestCharts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A repository's credentials reach only its own origin (scheme, host and port), against real local servers: a
 * redirect to another port, to another host name of the same machine (localhost for 127.0.0.1) or from https to
 * http is followed without them; a redirect within the origin keeps them. An OCI registry's token service (the
 * realm its challenge names) gets them only over https, or over plain HTTP on the very host of a plain-HTTP registry.
 */
@IntegrationTest
class RepositoryCredentialsTest {

    static final String BASIC = "Basic " + java.util.Base64.getEncoder().encodeToString("robot:s3cret".getBytes(StandardCharsets.UTF_8));
    static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void aRedirectToAnotherPortOrHostNameGetsNoCredentials() {
        try (RecordingHttpServer repository = RecordingHttpServer.http(); RecordingHttpServer elsewhere = RecordingHttpServer.http()) {
            Map<String, byte[]> charts = charts("moved-port", "moved-host", "same-origin");
            repository.on("/charts/index.yaml", auth -> BASIC.equals(auth) ? Answer.ok(index(charts)) : Answer.unauthorized("Basic"));
            repository.on("/charts/moved-port-1.0.0.tgz", auth -> Answer.redirect(elsewhere.url("127.0.0.1", "/files/moved-port-1.0.0.tgz")));
            elsewhere.on("/files/moved-port-1.0.0.tgz", auth -> Answer.ok(charts.get("moved-port")));
            repository.on("/charts/moved-host-1.0.0.tgz", auth -> Answer.redirect(repository.url("localhost", "/files/moved-host-1.0.0.tgz")));
            repository.on("/files/moved-host-1.0.0.tgz", auth -> Answer.ok(charts.get("moved-host")));
            repository.on("/charts/same-origin-1.0.0.tgz", auth -> Answer.redirect("/files/same-origin-1.0.0.tgz"));
            repository.on("/files/same-origin-1.0.0.tgz", auth -> BASIC.equals(auth) ? Answer.ok(charts.get("same-origin"))
                    : Answer.unauthorized("Basic"));

            String name = register(Map.of("url", repository.url("127.0.0.1", "/charts/")));
            assertThat(lastSync(name).get("status").asString()).isEqualTo("SUCCEEDED");
            byte[] stored = jdbc.sql("select secret from chart_repository where name = ?").param(name).query(byte[].class).single();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).as("encrypted at rest").doesNotContain("s3cret");
            assertThat(new ApiClient(port).get("/api/v1/repositories", Auth.user("admin")).body()).doesNotContain("s3cret");
            charts.keySet().forEach(chart -> assertUsable(name, chart));

            assertThat(repository.authorizations("/charts/moved-port-1.0.0.tgz")).as("the first hop is the repository's").containsExactly(BASIC);
            assertThat(elsewhere.authorizations("/files/moved-port-1.0.0.tgz")).as("another port").containsExactly("");
            assertThat(repository.authorizations("/files/moved-host-1.0.0.tgz")).as("another host name, same port").containsExactly("");
            assertThat(repository.authorizations("/files/same-origin-1.0.0.tgz")).as("the same origin").containsExactly(BASIC);
        }
    }

    @Test
    void aRedirectFromHttpsToHttpGetsNoCredentials() {
        SelfSignedTls tls = SelfSignedTls.forLoopback();
        try (RecordingHttpServer repository = RecordingHttpServer.https(tls.serverContext()); RecordingHttpServer plain = RecordingHttpServer.http()) {
            Map<String, byte[]> charts = charts("downgraded");
            repository.on("/charts/index.yaml", auth -> BASIC.equals(auth) ? Answer.ok(index(charts)) : Answer.unauthorized("Basic"));
            repository.on("/charts/downgraded-1.0.0.tgz", auth -> Answer.redirect(plain.url("127.0.0.1", "/downgraded-1.0.0.tgz")));
            plain.on("/downgraded-1.0.0.tgz", auth -> Answer.ok(charts.get("downgraded")));

            String name = register(Map.of("url", repository.url("127.0.0.1", "/charts/"), "caCertificate", tls.pem()));
            assertThat(lastSync(name).get("status").asString()).as(lastSync(name).toString()).isEqualTo("SUCCEEDED");
            assertUsable(name, "downgraded");
            assertThat(repository.authorizations("/charts/downgraded-1.0.0.tgz")).containsExactly(BASIC);
            assertThat(plain.authorizations("/downgraded-1.0.0.tgz")).containsExactly("");
        }
    }

    @Test
    void aRegistrysTokenServiceGetsCredentialsOnlyOverHttpsOrOnThePlainRegistrysOwnHost() {
        SelfSignedTls tls = SelfSignedTls.forLoopback();
        try (RecordingHttpServer secure = RecordingHttpServer.https(tls.serverContext()); RecordingHttpServer plain = RecordingHttpServer.http();
             RecordingHttpServer tokens = RecordingHttpServer.http()) {
            for (RecordingHttpServer server : List.of(secure, plain, tokens)) {
                server.on("/token", auth -> BASIC.equals(auth) ? Answer.ok("{\"token\":\"pull-token\"}") : Answer.unauthorized("Basic"));
            }
            // one chart per case; each answers a challenge naming its realm until it gets the token
            registry(secure, "https-to-http", tokens.url("127.0.0.1", "/token"));
            registry(secure, "https-to-other-host-https", secure.url("localhost", "/token"));
            registry(plain, "http-to-other-host-http", tokens.url("localhost", "/token"));
            registry(plain, "http-to-own-host-http", plain.url("127.0.0.1", "/token"));

            JsonNode downgrade = ociSync(secure, "https-to-http", tls.pem());
            assertThat(downgrade.get("status").asString()).isEqualTo("FAILED");
            assertThat(downgrade.get("message").asString()).isEqualTo("the registry's token service " + tokens.url("127.0.0.1", "/token")
                    + " is plain HTTP while the registry is https: the repository's credentials are not sent there");
            JsonNode otherHost = ociSync(plain, "http-to-other-host-http", null);
            assertThat(otherHost.get("status").asString()).isEqualTo("FAILED");
            assertThat(otherHost.get("message").asString()).isEqualTo("the registry's token service " + tokens.url("localhost", "/token")
                    + " is on another host than the registry and not https: the repository's credentials are not sent there");
            assertThat(tokens.authorizations("/token")).as("the refused realms were never asked").isEmpty();

            assertThat(ociSync(secure, "https-to-other-host-https", tls.pem()).get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(secure.authorizations("/token")).containsExactly(BASIC);
            assertThat(secure.authorizations("/v2/team/https-to-other-host-https/tags/list")).containsExactly(BASIC, "Bearer pull-token");
            assertThat(ociSync(plain, "http-to-own-host-http", null).get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(plain.authorizations("/token")).containsExactly(BASIC);
        }
    }

    /** A registry's chart whose tag list answers a bearer challenge naming the realm, until asked with the token. */
    private static void registry(RecordingHttpServer registry, String chart, String realm) {
        registry.on("/v2/team/" + chart + "/tags/list", auth -> "Bearer pull-token".equals(auth)
                ? Answer.ok("{\"name\":\"team/" + chart + "\",\"tags\":[]}")
                : Answer.unauthorized("Bearer realm=\"" + realm + "\",service=\"registry\",scope=\"repository:team/" + chart + ":pull\""));
    }

    private JsonNode ociSync(RecordingHttpServer registry, String chart, String ca) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "OCI", "url", "oci://127.0.0.1:" + registry.port() + "/team",
                "ociCharts", List.of(chart), "plainHttp", ca == null));
        if (ca != null) {
            body.put("caCertificate", ca);
        }
        return lastSync(register(body));
    }

    private String register(Map<String, Object> fields) {
        String name = "credentials-" + NAMES.incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("name", name);
        body.put("authType", "BASIC");
        body.put("username", "robot");
        body.put("secret", "s3cret");
        ApiClient api = new ApiClient(port);
        ApiClient.Response created = api.post("/api/v1/repositories", Auth.user("admin"), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Poll.until(Duration.ofSeconds(30), () -> lastSync(name), s -> !s.isNull() && !s.get("status").asString().equals("RUNNING"));
        return name;
    }

    private JsonNode lastSync(String name) {
        ApiClient api = new ApiClient(port);
        long id = api.get("/api/v1/repositories", Auth.user("admin")).json().valueStream()
                .filter(r -> r.get("name").asString().equals(name)).findFirst().orElseThrow().get("id").asLong();
        return api.get("/api/v1/repositories/" + id, Auth.user("admin")).json().get("lastSync");
    }

    private void assertUsable(String repository, String chart) {
        JsonNode detail = new ApiClient(port).get("/api/v1/charts/" + repository + "/" + chart + "/versions/1.0.0", Auth.user("viewer")).json();
        assertThat(detail.get("usable").asBoolean()).as(chart + ": " + detail).isTrue();
    }

    private static Map<String, byte[]> charts(String... names) {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        for (String name : names) {
            charts.put(name, TestCharts.chart(name, "1.0.0", "# " + name));
        }
        return charts;
    }

    private static String index(Map<String, byte[]> charts) {
        StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n");
        charts.forEach((name, tgz) -> index.append("  ").append(name).append(":\n")
                .append(TestCharts.indexEntry(name, "1.0.0", TestCharts.sha256(tgz), name + "-1.0.0.tgz")));
        return index.toString();
    }
}
