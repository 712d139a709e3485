package io.chartroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.TestCharts;
import io.chartroom.fixtures.TestCharts.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Syncing Helm repositories served over real HTTP: changes, failures, limits and hostile archives. */
@IntegrationTest
class RepositorySyncTest {

    static final AtomicInteger NAMES = new AtomicInteger();
    static final Auth ADMIN = Auth.user("admin");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Value("${chartroom.data-dir}") Path dataDir;
    ApiClient api;
    ChartRepositoryServer server;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        server = new ChartRepositoryServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void versionsAreAddedUpdatedAndRemovedAndAnUnchangedIndexIsSkipped() {
        byte[] a1 = TestCharts.chart("alpha", "1.0.0", "# alpha");
        byte[] a2 = TestCharts.chart("alpha", "1.1.0", "# alpha 1.1");
        byte[] b1 = TestCharts.chart("beta", "0.1.0", "# beta");
        server.file("alpha-1.0.0.tgz", a1).file("alpha-1.1.0.tgz", a2).file("beta-0.1.0.tgz", b1);
        server.index("entries:\n  alpha:\n" + TestCharts.indexEntry("alpha", "1.0.0", TestCharts.sha256(a1), "alpha-1.0.0.tgz", "db")
                + TestCharts.indexEntry("alpha", "1.1.0", TestCharts.sha256(a2), "alpha-1.1.0.tgz", "db")
                + "  beta:\n" + TestCharts.indexEntry("beta", "0.1.0", TestCharts.sha256(b1), "beta-0.1.0.tgz"));
        String name = register(server.url(), Map.of());
        JsonNode first = lastSync(name);
        assertThat(first.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(first.get("chartsAdded").asInt()).isEqualTo(2);
        assertThat(first.get("versionsAdded").asInt()).isEqualTo(3);

        // alpha 1.0.0 changes (new description), alpha 1.1.0 disappears, alpha 1.2.0 appears, beta is gone
        byte[] a3 = TestCharts.chart("alpha", "1.2.0", "# alpha 1.2");
        server.file("alpha-1.2.0.tgz", a3);
        server.index("entries:\n  alpha:\n"
                + TestCharts.indexEntry("alpha", "1.0.0", TestCharts.sha256(a1), "alpha-1.0.0.tgz", "db", "sql")
                + TestCharts.indexEntry("alpha", "1.2.0", TestCharts.sha256(a3), "alpha-1.2.0.tgz", "db"));
        JsonNode second = syncNow(name);
        assertThat(second.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(second.get("versionsAdded").asInt()).isEqualTo(1);
        assertThat(second.get("versionsUpdated").asInt()).isEqualTo(1);
        assertThat(second.get("versionsRemoved").asInt()).isEqualTo(2);
        assertThat(second.get("chartsRemoved").asInt()).isEqualTo(1);
        JsonNode alpha = api.get("/api/v1/charts/" + name + "/alpha", ADMIN).json();
        assertThat(alpha.get("versions").valueStream().map(v -> v.get("version").asString())).containsExactly("1.2.0", "1.0.0");
        assertThat(alpha.get("chart").get("latestVersion").asString()).isEqualTo("1.2.0");
        assertThat(api.get("/api/v1/charts/" + name + "/beta", ADMIN).status()).isEqualTo(404);

        int requests = server.indexRequests.get();
        JsonNode third = syncNow(name);
        assertThat(third.get("status").asString()).isEqualTo("UNCHANGED");
        assertThat(server.indexRequests.get()).isEqualTo(requests + 1);
    }

    @Test
    void anArchiveWhoseDigestDiffersFromTheIndexIsRefusedAndNotStored() {
        byte[] real = TestCharts.chart("gamma", "1.0.0", "# gamma");
        server.file("gamma-1.0.0.tgz", real);
        String wrongDigest = TestCharts.sha256("something else".getBytes());
        server.index("entries:\n  gamma:\n" + TestCharts.indexEntry("gamma", "1.0.0", wrongDigest, "gamma-1.0.0.tgz"));
        String name = register(server.url(), Map.of());
        assertThat(lastSync(name).get("status").asString()).isEqualTo("SUCCEEDED");

        JsonNode detail = api.get("/api/v1/charts/" + name + "/gamma/versions/1.0.0", Auth.user("viewer")).json();
        assertThat(detail.get("usable").asBoolean()).isFalse();
        assertThat(detail.get("unusableReason").asString()).contains("has digest " + TestCharts.sha256(real))
                .contains("the repository's index says " + wrongDigest);
        assertNothingStoredFor(real);
    }

    @Test
    void hostileArchivesAreRefusedWithTheirReasonAndNothingIsStored() {
        Map<String, List<Entry>> hostile = Map.of(
                "dotdot", List.of(Entry.file("dotdot/Chart.yaml", "name: dotdot\nversion: 1.0.0"), Entry.file("dotdot/../../evil.sh", "rm -rf /")),
                "absolute", List.of(Entry.file("/etc/cron.d/evil", "* * * * * root evil")),
                "linked", List.of(Entry.file("linked/Chart.yaml", "name: linked\nversion: 1.0.0"), Entry.symlink("linked/values.yaml", "/etc/passwd")),
                "huge", List.of(Entry.file("huge/Chart.yaml", "name: huge\nversion: 1.0.0"), Entry.file("huge/blob.bin", new byte[6 * 1024 * 1024])));
        Map<String, String> reasons = Map.of("dotdot", "leaves the chart directory", "absolute", "absolute path",
                "linked", "contains a link", "huge", "per file");
        StringBuilder index = new StringBuilder("entries:\n");
        hostile.forEach((chart, entries) -> {
            byte[] tgz = TestCharts.tgz(entries);
            server.file(chart + "-1.0.0.tgz", tgz);
            index.append("  ").append(chart).append(":\n")
                    .append(TestCharts.indexEntry(chart, "1.0.0", TestCharts.sha256(tgz), chart + "-1.0.0.tgz"));
        });
        server.index(index.toString());
        String name = register(server.url(), Map.of());
        hostile.forEach((chart, entries) -> {
            JsonNode detail = api.get("/api/v1/charts/" + name + "/" + chart + "/versions/1.0.0", Auth.user("viewer")).json();
            assertThat(detail.get("usable").asBoolean()).as(chart).isFalse();
            assertThat(detail.get("unusableReason").asString()).as(chart).contains(reasons.get(chart));
            assertNothingStoredFor(TestCharts.tgz(entries));
        });
    }

    @Test
    void anUnreachableRepositoryFailsClearlyWhileAnotherOneStillSyncs() {
        byte[] ok = TestCharts.chart("delta", "1.0.0", "# delta");
        server.file("delta-1.0.0.tgz", ok);
        server.index("entries:\n  delta:\n" + TestCharts.indexEntry("delta", "1.0.0", TestCharts.sha256(ok), "delta-1.0.0.tgz"));
        String broken = register("http://127.0.0.1:9/charts/", Map.of());
        String healthy = register(server.url(), Map.of());
        JsonNode failure = lastSync(broken);
        assertThat(failure.get("status").asString()).isEqualTo("FAILED");
        assertThat(failure.get("message").asString()).contains("cannot connect to 127.0.0.1:9").contains("connection refused");
        assertThat(lastSync(healthy).get("status").asString()).isEqualTo("SUCCEEDED");

        // both are due again: the scheduler runs them independently, the healthy one succeeds regardless
        jdbc.sql("update chart_repository set next_sync_at = now() - interval '1 minute' where name in (?, ?)")
                .params(broken, healthy).update();
        long syncsBefore = syncCount(healthy);
        Poll.until(Duration.ofSeconds(20), () -> syncCount(healthy), n -> n > syncsBefore);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'repository.synced' and outcome = 'FAILURE' and target = ?")
                .param(broken).query(Long.class).single()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRepositoryThatNeedsCredentialsSaysSoAndWorksOnceGivenThem() {
        byte[] chart = TestCharts.chart("secured", "1.0.0", "# secured");
        server.requireBasic("robot", "s3cret-pass").file("secured-1.0.0.tgz", chart)
                .index("entries:\n  secured:\n" + TestCharts.indexEntry("secured", "1.0.0", TestCharts.sha256(chart), "secured-1.0.0.tgz"));
        String name = register(server.url(), Map.of());
        JsonNode denied = lastSync(name);
        assertThat(denied.get("status").asString()).isEqualTo("FAILED");
        assertThat(denied.get("message").asString()).contains("requires credentials").contains("HTTP 401");

        long id = id(name);
        JsonNode updated = api.put("/api/v1/repositories/" + id, ADMIN, Map.of("name", name, "url", server.url(),
                "authType", "BASIC", "username", "robot", "secret", "s3cret-pass")).json();
        assertThat(updated.get("hasCredential").asBoolean()).isTrue();
        Poll.until(Duration.ofSeconds(20), () -> lastSync(name), s -> s.get("status").asString().equals("SUCCEEDED"));
        assertThat(api.get("/api/v1/charts/" + name + "/secured/versions/1.0.0", Auth.user("viewer")).json()
                .get("readme").asString()).isEqualTo("# secured");

        String everything = api.get("/api/v1/repositories", ADMIN).body() + api.get("/api/v1/repositories/" + id + "/syncs", ADMIN).body()
                + jdbc.sql("select string_agg(details || actor || coalesce(target, ''), ' ') from audit_event").query(String.class).single();
        assertThat(everything).doesNotContain("s3cret-pass");
        byte[] stored = jdbc.sql("select secret from chart_repository where id = ?").param(id).query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("s3cret-pass");
    }

    @Test
    void malformedYamlFailsWithTheLine() {
        server.index("apiVersion: v1\nentries:\n  broken:\n    - name: broken\n      version: 1.0.0\n      urls: [broken.tgz\n    - {\n");
        String name = register(server.url(), Map.of());
        JsonNode failed = lastSync(name);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("message").asString()).matches("index\\.yaml line \\d+, column \\d+: .+");
    }

    @Test
    void anIndexOverTheLimitFailsClearly() {
        server.streamedIndex(101L * 1024 * 1024);
        String name = register(server.url(), Map.of());
        JsonNode failed = Poll.until(Duration.ofSeconds(60), () -> lastSync(name), s -> !s.isNull() && !s.get("status").asString().equals("RUNNING"));
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("message").asString()).isEqualTo("index.yaml is larger than the limit of 100 MB");
        assertThat(jdbc.sql("select count(*) from chart where repository_id = ?").param(id(name)).query(Long.class).single()).isZero();
    }

    private void assertNothingStoredFor(byte[] archive) {
        String digest = TestCharts.sha256(archive);
        assertThat(jdbc.sql("select count(*) from chart_archive where digest = ?").param(digest).query(Long.class).single()).isZero();
        assertThat(Files.exists(dataDir.resolve("charts/archives/" + digest + ".tgz"))).isFalse();
    }

    private String register(String url, Map<String, Object> extra) {
        String name = "test-repo-" + NAMES.incrementAndGet();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "url", url));
        body.putAll(extra);
        ApiClient.Response created = api.post("/api/v1/repositories", ADMIN, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Poll.until(Duration.ofSeconds(30), () -> lastSync(name), s -> !s.isNull() && !s.get("status").asString().equals("RUNNING"));
        return name;
    }

    private long id(String name) {
        return api.get("/api/v1/repositories", ADMIN).json().valueStream()
                .filter(r -> r.get("name").asString().equals(name)).findFirst().orElseThrow().get("id").asLong();
    }

    private JsonNode lastSync(String name) {
        return api.get("/api/v1/repositories/" + id(name), ADMIN).json().get("lastSync");
    }

    private JsonNode syncNow(String name) {
        ApiClient.Response response = api.post("/api/v1/repositories/" + id(name) + "/sync", ADMIN, Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private long syncCount(String name) {
        return jdbc.sql("select count(*) from repository_sync s join chart_repository r on r.id = s.repository_id "
                + "where r.name = ? and s.status <> 'RUNNING'").param(name).query(Long.class).single();
    }
}
