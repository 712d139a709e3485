package io.chartroom.gitops;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.TestSettings;
import io.chartroom.gitops.service.GitOpsRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import com.microsoft.playwright.Page;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.Screens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Started on a team's existing helmfile repository (src/test/resources/helmfile/team-basic) as its remote:
 * Chartroom writes nothing to main or to the remote (no default environments, no policies), lists every file it
 * cannot read with its line, and refuses environment changes and change requests instead of rewriting the files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestSettings.POSTGRES_DIRECTORY, TestSettings.POSTGRES_CLEAN, TestSettings.DATABASE, TestSettings.DATA_DIR,
        TestSettings.NO_WARM_UP, TestSettings.LAZY_RENDER_WORKERS, TestSettings.FAST_SCHEDULERS})
@ExtendWith(BrowserExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the conversion, last, replaces what the others read
class TeamRepositoryStartTest {

    static final Path REMOTE;
    static final String REMOTE_MAIN;

    static {
        try {
            Path tmp = Files.createTempDirectory("team-helmfile");
            Path work = tmp.resolve("work");
            copy(Path.of("src/test/resources/helmfile/team-basic"), work);
            try (Git seed = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
                seed.add().addFilepattern(".").call();
                REMOTE_MAIN = seed.commit().setMessage("The platform team's releases").setAuthor("Platform", "p@example.com").call().name();
            }
            REMOTE = tmp.resolve("remote.git");
            Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(REMOTE.toFile()).setBare(true).call().close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void remote(DynamicPropertyRegistry registry) {
        registry.add("chartroom.gitops.remote-url", () -> REMOTE.toUri().toString());
    }

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired JdbcClient jdbc;

    @Test
    @Order(1)
    void writesNothingListsWhatItCannotReadAndRefusesToRewrite() throws Exception {
        ApiClient api = new ApiClient(port);
        assertThat(gitops.main()).as("main is the team's commit, untouched by the start").isEqualTo(REMOTE_MAIN);
        assertThat(jdbc.sql("select count(*) from environment").query(Long.class).single()).as("no default environments").isZero();
        assertThat(jdbc.sql("select count(*) from approval_policy").query(Long.class).single()).as("no default policies").isZero();

        JsonNode problems = api.get("/api/v1/repository/problems", Auth.user("viewer")).json();
        assertThat(problems.get("readable").asBoolean()).isFalse();
        assertThat(problems.get("commit").asString()).isEqualTo(REMOTE_MAIN);
        List<String> listed = problems.get("problems").valueStream()
                .map(p -> p.get("path").asString() + ":" + (p.get("line").isNull() ? "-" : p.get("line").asInt()) + " " + p.get("message").asString())
                .toList();
        assertThat(listed).contains(
                "helmfile.yaml:3 Chartroom includes releases/*/helmfile.yaml.gotmpl, not releases/*/helmfile.yaml",
                "environments.yaml:5 'kubeContext' is not something Chartroom writes here",
                "releases/api/helmfile.yaml:- not in Chartroom's layout (releases/api/helmfile.yaml.gotmpl is missing)",
                "releases/ingress/helmfile.yaml:- not in Chartroom's layout (releases/ingress/helmfile.yaml.gotmpl is missing)");
        assertThat(listed).anyMatch(p -> p.startsWith("environments/production.yaml:- a helmfile file outside"));

        ApiClient.Response environment = api.post("/api/v1/environments", Auth.user("admin"),
                Map.of("name", "dev", "description", "", "clusterSelector", "env=dev", "kubeVersion", "1.31"));
        assertThat(environment.status()).isEqualTo(409);
        assertThat(environment.json().get("detail").asString())
                .startsWith("cannot change environments: the GitOps repository holds ")
                .contains("nothing is written to it until an admin chooses how to adopt it");
        assertThat(jdbc.sql("select count(*) from change_request").query(Long.class).single()).as("no change request opened").isZero();

        ApiClient.Response cr = api.post("/api/v1/change-requests", Auth.user("developer"),
                Map.of("release", ChangeRequests.release("web", "", Map.of("staging", ""))));
        assertThat(cr.status()).isEqualTo(409);
        assertThat(cr.json().get("detail").asString()).startsWith("cannot open or change a change request");
        assertThat(jdbc.sql("select count(*) from change_request").query(Long.class).single()).isZero();
        assertThat(api.get("/api/v1/releases", Auth.user("viewer")).json().size()).as("the team's releases are not misread").isZero();

        assertThat(gitops.awaitRemote(Duration.ofSeconds(30))).isTrue();
        assertThat(gitops.main()).isEqualTo(REMOTE_MAIN);
        try (Repository remote = Git.open(REMOTE.toFile()).getRepository()) {
            assertThat(remote.getRefDatabase().getRefsByPrefix("refs/")).as("the remote has exactly its own main, unchanged")
                    .singleElement().satisfies(ref -> assertThat(ref.getObjectId().name()).isEqualTo(REMOTE_MAIN));
        }
    }

    @Test
    @Order(2)
    void everyPageSaysSoAndTheRepositoryPageListsEachFile(Page page) {
        String base = "http://localhost:" + port;
        Screens.login(page, base, "developer");
        assertThat(page.locator("#repository-banner")).containsText("The GitOps repository has 6 files Chartroom cannot read");
        page.locator("#repository-banner a").click();
        page.waitForURL("**/repository");
        assertThat(page.locator("#repository-state")).hasText("6 file(s) cannot be read");
        assertThat(page.locator("#repository-problems")).containsText("releases/api/helmfile.yaml");
        assertThat(page.locator("#repository-problems")).containsText("'kubeContext' is not something Chartroom writes here");
        Screens.shoot(page, "repository-unreadable");
    }

    /**
     * Issue 20, item 4b: the team's repository (now the corpus convert-samples, its charts from the bundled sample
     * repository) converted in one change request whose check renders every release both ways: no change anywhere,
     * approved by another ADMIN, merged; main then reads completely, with the releases and the team's README.
     */
    /**
     * Every corpus repository either converts with no change on any cluster (those whose charts this machine has: the
     * bundled samples) or is refused with each problem named (public charts not registered here, a chart inside the
     * repository, hostile input); nothing is written either way but the change request, closed again here.
     */
    @Test
    @Order(3)
    void everyCorpusRepositoryConvertsWithNoChangeOrIsRefusedNamingWhy() throws IOException {
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        Map<String, String> refusedFor = Map.of(
                "team-basic", "no registered chart repository has the URL https://charts.bitnami.com/bitnami",
                "two-pass", "is a directory of the repository",
                "hostile", "a cycle");
        for (String corpus : List.of("single-file", "team-basic", "two-pass", "hostile")) {
            String pushed = teamPushes(Path.of("src/test/resources/helmfile", corpus), "http://127.0.0.1:" + port + "/samples/charts/");
            Map<String, String> selectors = new java.util.TreeMap<>();
            api.post("/api/v1/imports/helmfile", Auth.user("admin"), Map.of()).json().path("environments")
                    .forEach(e -> selectors.put(e.path("name").asString(), "env=" + e.path("name").asString()));
            ApiClient.Response converted = api.post("/api/v1/imports/helmfile/conversion", Auth.user("admin"),
                    Map.of("team", "web", "clusterSelectors", selectors));
            if (refusedFor.containsKey(corpus)) {
                assertThat(converted.status()).as(corpus + ": " + converted.body()).isEqualTo(400);
                assertThat(converted.body()).as(corpus).contains(refusedFor.get(corpus));
                assertThat(gitops.main()).as(corpus + ": nothing written").isEqualTo(pushed);
                continue;
            }
            assertThat(converted.status()).as(corpus + ": " + converted.body()).isEqualTo(201);
            long id = converted.json().get("changeRequestId").asLong();
            JsonNode details = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json();
            assertThat(details.get("checksPass").asBoolean()).as(corpus + ": " + details.get("checks")).isTrue();
            assertThat(details.get("environments").size()).as(corpus).isEqualTo(4); // frontend and banners, in default and production
            assertThat(api.post("/api/v1/change-requests/" + id + "/close", Auth.user("admin"), Map.of()).status()).isEqualTo(200);
        }
    }

    @Test
    @Order(4)
    void aHelmfileRepositoryIsConvertedInOneChangeRequestThatRendersNoChange(Page page) throws IOException {
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        String teams = teamPushes(Path.of("src/test/resources/helmfile/convert-samples"), "http://127.0.0.1:" + port + "/samples/charts/");
        String conversion = "/api/v1/imports/helmfile/conversion";

        assertThat(api.post(conversion, Auth.user("approver"), Map.of()).status()).isEqualTo(403);
        ApiClient.Response incomplete = api.post(conversion, Auth.user("admin"), Map.of("clusterSelectors", Map.of("staging", "env=staging",
                "qa", "env=qa")));
        assertThat(incomplete.status()).as(incomplete.body()).isEqualTo(400);
        assertThat(incomplete.body()).contains("clusterSelectors.production").contains("kubeContext prod-eu-1")
                .contains("the helmfile has no environment qa").contains("\"team\"");
        assertThat(gitops.main()).as("nothing written").isEqualTo(teams);
        assertThat(jdbc.sql("select count(*) from change_request where state = 'OPEN'").query(Long.class).single()).isZero();

        // in the browser: read, then convert; a missing selector is marked on its field
        Screens.login(page, "http://localhost:" + port, "admin");
        page.navigate("http://localhost:" + port + "/repository/helmfile");
        page.locator("#helmfile-read").click();
        assertThat(page.locator("#helmfile-convert")).isVisible();
        assertThat(page.locator("#helmfile-proposed")).containsText("storefront");
        page.locator("#helmfile-convert").click();
        page.locator("#conversion-team input").fill("shop");
        page.locator("#conversion-selector-staging input").fill("env=staging");
        page.locator("#conversion-submit").click();
        assertThat(page.locator("#conversion-selector-production")).hasAttribute("invalid", "");
        assertThat(page.locator("#conversion-dialog")).containsText("helmfile deploys it with the kubeContext prod-eu-1");
        Screens.shoot(page, "helmfile-conversion-dialog");
        page.locator("#conversion-selector-production input").fill("env=production");
        page.locator("#conversion-submit").click();
        page.waitForURL("**/change-requests/*");
        long id = Long.parseLong(page.url().substring(page.url().lastIndexOf('/') + 1));
        assertThat(page.locator("body")).containsText("Conversion: no change on any cluster");
        Screens.shoot(page, "helmfile-conversion-change-request");
        JsonNode details = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json();
        assertThat(details.get("changeRequest").get("kind").asString()).isEqualTo("CONVERT");
        assertThat(details.get("description").asString()).contains("| `storefront` | `shop` | `chartroom-samples/web-service 1.2.0 (production 1.1.0)` |");
        assertThat(details.get("checksPass").asBoolean()).as(details.get("checks").toString()).isTrue();
        assertThat(details.get("checks").get(0).get("summary").asString())
                .isEqualTo("no change: 5 release environment(s), 5 group(s) of clusters render the same objects both ways");
        List<String> sections = details.get("environments").valueStream()
                .map(e -> e.get("release").asString() + "/" + e.get("environment").asString()).toList();
        assertThat(sections).containsExactlyInAnyOrder("storefront/staging", "storefront/production", "jobs-orders/staging",
                "jobs-orders/production", "jobs-mail/production");
        JsonNode storefrontProduction = details.get("environments").valueStream()
                .filter(e -> e.get("release").asString().equals("storefront") && e.get("environment").asString().equals("production"))
                .findFirst().orElseThrow();
        List<String> objects = storefrontProduction.get("targets").get(0).get("objects").valueStream()
                .map(o -> o.get("kind").asString() + " " + o.get("status").asString()).toList();
        assertThat(objects).as("rendered both ways, nothing differs").contains("Deployment UNCHANGED", "Service UNCHANGED",
                "HorizontalPodAutoscaler UNCHANGED").allMatch(o -> o.endsWith("UNCHANGED"));
        Map<String, String> files = new java.util.TreeMap<>();
        details.get("files").forEach(f -> files.put(f.get("path").asString(), f.get("status").asString()));
        assertThat(files).containsEntry("releases/storefront/helmfile.yaml", "DELETED").containsEntry("environments/production.yaml", "DELETED")
                .containsEntry("releases/storefront/helmfile.yaml.gotmpl", "ADDED").containsEntry("environments.yaml", "MODIFIED")
                .doesNotContainKey("README.md");

        assertThat(jdbc.sql("select details::text from audit_event where action = 'helmfile.conversion_proposed' and outcome = 'SUCCESS' "
                + "order by id desc limit 1").query(String.class).single()).contains("storefront").contains("production (env=production)");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'helmfile.conversion_proposed' and outcome = 'FAILURE'")
                .query(Long.class).single()).as("the refused attempts too: three corpus repositories, then the API's and the browser's")
                .isEqualTo(5);
        ApiClient.Response byAuthor = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("admin"), Map.of());
        assertThat(byAuthor.status()).as("another ADMIN approves a conversion").isEqualTo(409);
        ApiClient.Response overridden = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("admin"), Map.of("overrideReason", "trust me"));
        assertThat(overridden.status()).as("not even with an ADMIN's override").isEqualTo(409);
        assertThat(overridden.body()).contains("no override");
        assertThat(api.post("/api/v1/change-requests/" + id + "/approve", Auth.user("admin2"), Map.of()).status()).isEqualTo(200);
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("admin"), Map.of());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);

        assertThat(api.get("/api/v1/repository/problems", Auth.user("viewer")).json().get("readable").asBoolean()).isTrue();
        assertThat(gitops.read(gitops.main(), "README.md")).as("the team's README stays").isPresent();
        JsonNode storefront = api.get("/api/v1/releases/storefront", Auth.user("viewer")).json();
        assertThat(storefront.get("team").asString()).isEqualTo("shop");
        assertThat(storefront.get("environments").toString()).isEqualTo("[\"staging\",\"production\"]");
        assertThat(storefront.get("chartVersions").toString()).as("production ran 1.1.0 in the helmfile").isEqualTo("{\"production\":\"1.1.0\"}");
        assertThat(gitops.read(gitops.main(), "releases/storefront/values/storefront.yaml").orElseThrow())
                .contains("cpu: '0.25'").contains("tag: 2.4.1");
        assertThat(gitops.read(gitops.main(), "releases/storefront/values/storefront--production.yaml").orElseThrow())
                .contains("replicaCount: 3").contains("maxReplicas: 12");
        ApiClient.Response environment = api.post("/api/v1/environments", Auth.user("admin"),
                Map.of("name", "dev", "description", "", "clusterSelector", "env=dev", "kubeVersion", "1.31"));
        assertThat(environment.status()).as("the repository is Chartroom's now: changes go through change requests").isEqualTo(202);
    }

    private String teamPushes(Path corpus, String samplesUrl) throws IOException {
        return io.chartroom.fixtures.TeamPushes.corpus(gitops, corpus, samplesUrl);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                try {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
