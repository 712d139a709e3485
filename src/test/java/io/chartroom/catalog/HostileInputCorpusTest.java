package io.chartroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.fixtures.GitRefs;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.TestCharts;
import io.chartroom.fixtures.TestCharts.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The bad-input corpus under src/test/resources/hostile (see its README): each file is one hostile index,
 * archive, values file or name, with the exact error Chartroom must give; nothing of it may be stored.
 */
@IntegrationTest
class HostileInputCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/hostile");
    static final Auth ADMIN = Auth.user("admin");
    static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @TestFactory
    Stream<DynamicTest> indexes() {
        return cases("indexes").map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            try (ChartRepositoryServer server = new ChartRepositoryServer()) {
                server.index((String) c.spec().get("index"));
                String name = register(server.url());
                JsonNode sync = lastSync(name);
                if (c.spec().get("failed") instanceof String error) {
                    assertThat(sync.get("status").asString()).isEqualTo("FAILED");
                    assertThat(sync.get("message").asString()).isEqualTo(error);
                } else {
                    List<String> reasons = sync.get("errors").valueStream().map(JsonNode::asString)
                            .map(e -> e.substring(e.indexOf("]: ") + 3)).toList();
                    assertThat(reasons).as(sync.toString()).containsExactlyElementsOf(strings(c.spec().get("skipped")));
                }
                JsonNode charts = new ApiClient(port).get("/api/v1/charts?repository=" + name, Auth.user("viewer")).json();
                assertThat(charts.get("items").valueStream().map(i -> i.get("name").asString()).toList())
                        .containsExactlyInAnyOrderElementsOf(strings(c.spec().get("stored")));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> archives() {
        return cases("archives").map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<Entry> entries = new ArrayList<>();
            for (Object o : (List<?>) c.spec().get("entries")) {
                Map<?, ?> e = (Map<?, ?>) o;
                String entryName = (String) e.get("name");
                entries.add(e.get("symlink") != null ? Entry.symlink(entryName, (String) e.get("symlink"))
                        : e.get("hardlink") != null ? Entry.hardlink(entryName, (String) e.get("hardlink"))
                        : Entry.file(entryName, (String) e.get("content")));
            }
            byte[] tgz = TestCharts.tgz(entries);
            String chart = "hostile-" + NAMES.incrementAndGet();
            try (ChartRepositoryServer server = new ChartRepositoryServer()) {
                server.file(chart + "-1.0.0.tgz", tgz);
                server.index("entries:\n  " + chart + ":\n" + TestCharts.indexEntry(chart, "1.0.0", TestCharts.sha256(tgz), chart + "-1.0.0.tgz"));
                String repository = register(server.url());
                JsonNode detail = new ApiClient(port).get("/api/v1/charts/" + repository + "/" + chart + "/versions/1.0.0",
                        Auth.user("viewer")).json();
                assertThat(detail.get("usable").asBoolean()).isFalse();
                assertThat(detail.get("unusableReason").asString()).isEqualTo(c.spec().get("reason"));
            }
            assertThat(jdbc.sql("select count(*) from chart_archive where digest = ?").param(TestCharts.sha256(tgz))
                    .query(Long.class).single()).as("the archive is not cached").isZero();
        }));
    }

    @TestFactory
    Stream<DynamicTest> values() {
        return cases("values").map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            ApiClient api = new ApiClient(port);
            new ChangeRequests(api).awaitSamples();
            String values = c.spec().containsKey("values") ? (String) c.spec().get("values") : generate(c.spec().get("generate"));
            Map<String, Object> release = ChangeRequests.release("hostile-values-" + NAMES.incrementAndGet(), values, Map.of("dev", ""));
            ApiClient.Response checked = api.post("/api/v1/releases/validate", Auth.user("developer"), release);
            assertThat(checked.status()).as(checked.body()).isEqualTo(200);
            // values problems are located by layer and line ("base:2:1"), which the location already says
            assertThat(checked.json().get("errors").valueStream().map(e -> (e.get("location").isNull() || e.get("location").asString().isEmpty()
                    ? e.get("layer").asString() : e.get("location").asString()) + ": " + e.get("message").asString()).toList())
                    .contains((String) c.spec().get("error"));
            assertNoChangeRequest(api, release);
        }));
    }

    @TestFactory
    Stream<DynamicTest> names() {
        return cases("names").map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            ApiClient api = new ApiClient(port);
            new ChangeRequests(api).awaitSamples();
            Map<String, Object> release = new LinkedHashMap<>(ChangeRequests.release("hostile-name-" + NAMES.incrementAndGet(), "",
                    Map.of("dev", "")));
            if (c.spec().get("release") instanceof Map<?, ?> overrides) {
                overrides.forEach((k, v) -> release.put((String) k, v));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("release", release);
            if (c.spec().get("title") != null) {
                body.put("title", c.spec().get("title") instanceof Map<?, ?> g ? generate(g) : c.spec().get("title"));
            }
            long before = count("change_request");
            Map<String, String> branches = GitRefs.branches(port);
            ApiClient.Response answer = api.post("/api/v1/change-requests", Auth.user("developer"), body);
            int expected = c.spec().get("status") instanceof Integer s ? s : 400;
            assertThat(answer.status()).as(answer.body()).isEqualTo(expected);
            JsonNode problem = answer.json();
            List<String> said = new ArrayList<>(List.of(problem.get("detail").asString()));
            if (problem.has("errors")) {
                problem.get("errors").valueStream().forEach(e -> said.add(e.get("location").asString() + ": " + e.get("message").asString()));
            }
            assertThat(said).contains((String) c.spec().get("error"));
            assertThat(count("change_request")).isEqualTo(before);
            assertThat(GitRefs.branches(port)).as("no branch written in the GitOps repository").isEqualTo(branches);
        }));
    }

    private void assertNoChangeRequest(ApiClient api, Map<String, Object> release) {
        long before = count("change_request");
        ApiClient.Response proposed = api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("release", release));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(400);
        assertThat(count("change_request")).isEqualTo(before);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private String register(String url) {
        ApiClient api = new ApiClient(port);
        String name = "hostile-repo-" + NAMES.incrementAndGet();
        ApiClient.Response created = api.post("/api/v1/repositories", ADMIN, Map.of("name", name, "url", url));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Poll.until(Duration.ofSeconds(30), () -> lastSync(name), s -> !s.isNull() && !s.get("status").asString().equals("RUNNING"));
        return name;
    }

    private JsonNode lastSync(String name) {
        ApiClient api = new ApiClient(port);
        long id = api.get("/api/v1/repositories", ADMIN).json().valueStream()
                .filter(r -> r.get("name").asString().equals(name)).findFirst().orElseThrow().get("id").asLong();
        return api.get("/api/v1/repositories/" + id, ADMIN).json().get("lastSync");
    }

    private static String generate(Object spec) {
        Map<?, ?> g = (Map<?, ?>) spec;
        int times = ((Number) g.get("times")).intValue();
        String close = g.get("close") == null ? "" : ((String) g.get("close")).repeat(times);
        return ((String) g.get("repeat")).repeat(times) + close;
    }

    private static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(String::valueOf).toList();
    }

    record Case(String name, Map<String, Object> spec) {}

    @SuppressWarnings("unchecked")
    private static Stream<Case> cases(String kind) {
        try (Stream<Path> files = Files.list(CORPUS.resolve(kind))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().map(p -> {
                try {
                    return new Case(kind + "/" + p.getFileName(),
                            (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
