package io.chartroom.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.AsUser;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseDraftService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import tools.jackson.databind.JsonNode;

/**
 * Release descriptions over the REST API: environments, validation with errors that say where, rendering per
 * environment, the repository files of a release, and editing one that is on main. Nothing here writes to Git
 * except the test itself, standing in for a merged change request.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleaseDraftsApiTest {

    static final Auth DEVELOPER = Auth.user("developer");
    static final Auth ADMIN = Auth.user("admin");

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired ReleaseDraftService drafts;
    @Autowired ObjectProvider<SecurityContextHolderStrategy> security;
    ApiClient api;

    @BeforeAll
    void client() {
        api = new ApiClient(port);
    }

    static Map<String, Object> release(String name, String base, Map<String, String> environmentValues) {
        return ChangeRequests.release(name, base, environmentValues);
    }

    static Map<String, String> envs(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static List<String> problems(JsonNode check, String kind) {
        List<String> out = new ArrayList<>();
        check.get(kind).forEach(p -> out.add(p.get("layer").asString() + "|" + p.get("location").asString() + "|" + p.get("message").asString()));
        return out;
    }

    @Test
    void environmentsAreListedWithTheirClustersAndOnlyAdminsChangeThem() {
        JsonNode list = api.get("/api/v1/environments", DEVELOPER).json();
        assertThat(list.findValuesAsString("name")).contains("dev", "production");
        assertThat(list.get(1).get("clusters").get(0).get("name").asString()).isEqualTo("sim-production");
        assertThat(list.get(1).get("clusters").get(0).get("kubeVersion").asString()).isEqualTo("v1.31.2");

        Map<String, Object> staging = Map.of("name", "qa-api", "description", "QA", "clusterSelector", "env=qa", "kubeVersion", "1.30");
        assertThat(api.post("/api/v1/environments", DEVELOPER, staging).status()).isEqualTo(403);
        ApiClient.Response proposed = api.post("/api/v1/environments", ADMIN, staging);
        assertThat(proposed.status()).isEqualTo(202);
        assertThat(api.get("/api/v1/environments/qa-api", DEVELOPER).status()).as("proposed, not yet on main").isEqualTo(404);
        Environments.merge(api, proposed.json().get("changeRequest").asLong());
        assertThat(api.get("/api/v1/environments/qa-api", DEVELOPER).json().get("warnings").get(0).asString()).contains("selects no cluster");
        assertThat(gitops.read(gitops.main(), RepositoryLayout.ENVIRONMENTS).orElseThrow()).contains("qa-api:", "env=qa");

        ApiClient.Response bad = api.put("/api/v1/environments/qa-api", ADMIN,
                Map.of("clusterSelector", "env in (qa", "kubeVersion", "one.thirty"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("clusterSelector", "kubeVersion");
        Environments.update(api, "qa-api", Map.of("description", "QA", "clusterSelector", "env=production", "kubeVersion", "1.31"));
        assertThat(api.get("/api/v1/environments/qa-api", DEVELOPER).json().get("clusters").get(0).get("name").asString())
                .isEqualTo("sim-production");

        assertThat(api.delete("/api/v1/environments/qa-api", DEVELOPER).status()).isEqualTo(403);
        Environments.remove(api, "qa-api");
        assertThat(gitops.read(gitops.main(), RepositoryLayout.ENVIRONMENTS).orElseThrow()).doesNotContain("qa-api:");
    }

    @Test
    void badInputGetsErrorsThatSayWhereAndNothingIsWritten() {
        String head = gitops.main();
        Map<String, Object> draft = release("../etc", "image:\n  repository: ghcr.io/acme/shop\n  tag: [unclosed\n",
                envs("dev", "", "production", "replicaCount: 50\n"));
        draft.put("team", "search");
        JsonNode check = api.post("/api/v1/releases/validate", DEVELOPER, draft).json();
        assertThat(check.get("ok").asBoolean()).isFalse();
        assertThat(problems(check, "errors")).anySatisfy(p -> assertThat(p).startsWith("release|name|").contains("DNS-1123"))
                .anySatisfy(p -> assertThat(p).isEqualTo("release|team|developer is not a member of team search"))
                .anySatisfy(p -> assertThat(p).startsWith("base|base:4:1|").contains("line 3, column 8"));

        Map<String, Object> upper = release("Shop", "", envs("production", "replicaCount: 50\nimage:\n  pullPolicy: Sometimes\n"));
        check = api.post("/api/v1/releases/validate", DEVELOPER, upper).json();
        assertThat(problems(check, "errors")).anySatisfy(p -> assertThat(p).startsWith("release|name|"))
                .contains("production|replicaCount|must have a maximum value of 20")
                .anySatisfy(p -> assertThat(p).startsWith("production|image.pullPolicy|").contains("IfNotPresent"));

        // what only rendering finds: validate runs the checks a change request runs, and says which ran
        check = api.post("/api/v1/releases/validate", DEVELOPER, release("no-host", "ingress:\n  enabled: true\n", envs("dev", ""))).json();
        assertThat(check.get("ok").asBoolean()).as(check.toString()).isFalse();
        assertThat(problems(check, "errors")).anySatisfy(p -> assertThat(p).startsWith("render||dev (Kubernetes v1.31.2): ")
                .contains("ingress.host is required when the ingress is enabled").doesNotContain("--debug"));
        assertThat(check.get("checks").toString()).contains("render", "lint");
        assertThat(check.get("skipped").toString()).contains("helm lint did not run for 1 target(s) that do not render");
        JsonNode fine = api.post("/api/v1/releases/validate", DEVELOPER, release("with-host", "", envs("dev", ""))).json();
        assertThat(fine.get("ok").asBoolean()).as(fine.toString()).isTrue();
        assertThat(fine.toString()).doesNotContain("/tmp/").doesNotContain("worker-");

        String huge = "padding: \"" + "x".repeat(10 * 1024 * 1024) + "\"\n";
        check = api.post("/api/v1/releases/validate", DEVELOPER, release("big", huge, envs("dev", ""))).json();
        assertThat(problems(check, "errors")).anySatisfy(p -> assertThat(p).startsWith("base|base|").contains("at most 1024 KB"));

        ApiClient.Response files = api.post("/api/v1/releases/files", DEVELOPER, upper);
        assertThat(files.status()).isEqualTo(400);
        assertThat(files.body()).contains("production:replicaCount");
        assertThat(gitops.main()).as("validation never writes to the repository").isEqualTo(head);
    }

    @Test
    void anEnvironmentWithoutClustersIsAWarningNotAnError() {
        Environments.create(api, Map.of("name", "lab", "clusterSelector", "env=lab", "kubeVersion", "1.29"));
        try {
            JsonNode check = api.post("/api/v1/releases/validate", DEVELOPER, release("lab-web", "", envs("lab", ""))).json();
            assertThat(check.get("ok").asBoolean()).isTrue();
            assertThat(problems(check, "warnings")).anySatisfy(p -> assertThat(p).startsWith("lab|environment|").contains("selects no cluster"));
            // without clusters, the environment's default Kubernetes version is what it renders for
            assertThat(check.get("environments").get("lab").get("kubeVersions").get(0).asString()).isEqualTo("v1.29");
        } finally {
            Environments.remove(api, "lab");
        }
    }

    @Test
    void aReferenceChartroomCannotResolveIsAWarningNamingWhere() {
        JsonNode check = api.post("/api/v1/releases/validate", DEVELOPER,
                release("vault-web", "database:\n  password: ref+vault://secret/data/db#password\n", envs("dev", ""))).json();
        assertThat(problems(check, "warnings")).contains("base|database.password|ref+vault:// is not a reference Chartroom resolves "
                + "(only ref+awsssm://): applying the release would fail on it");
    }

    @Test
    void rendersEachEnvironmentWithItsMergedValues() {
        Map<String, Object> draft = release("render-web", "image:\n  repository: ghcr.io/acme/shop\n",
                envs("dev", "", "production", "replicaCount: 4\nautoscaling:\n  enabled: true\n"));
        JsonNode rendered = api.post("/api/v1/releases/render", DEVELOPER, draft).json();
        assertThat(rendered.size()).isEqualTo(2);
        JsonNode dev = rendered.get(0);
        JsonNode production = rendered.get(1);
        assertThat(dev.get("environment").asString()).isEqualTo("dev");
        assertThat(dev.get("ok").asBoolean()).isTrue();
        assertThat(dev.get("kubeVersion").asString()).isEqualTo("v1.31.2");
        assertThat(dev.get("manifest").asString()).contains("replicas: 2", "image: \"ghcr.io/acme/shop:2.4.1\"")
                .doesNotContain("HorizontalPodAutoscaler");
        assertThat(production.get("objects").findValuesAsString("kind")).contains("Deployment", "Service", "HorizontalPodAutoscaler");
        assertThat(production.get("manifest").asString()).contains("ghcr.io/acme/shop");
    }

    @Test
    void anExistingReleaseIsEditedIntoMinimalFiles() {
        Map<String, Object> draft = release("edit-web", "image:\n  repository: ghcr.io/acme/shop\n",
                envs("dev", "", "production", "# more pods in production\nreplicaCount: 4\nimage:\n  repository: ghcr.io/acme/shop\n"));
        ApiClient.Response files = api.post("/api/v1/releases/files", DEVELOPER, draft);
        assertThat(files.status()).isEqualTo(200);
        JsonNode written = files.json();
        assertThat(written.has("releases/edit-web/helmfile.yaml.gotmpl")).isTrue();
        assertThat(written.get("releases/edit-web/values/edit-web.yaml").asString()).isEqualTo("image:\n  repository: ghcr.io/acme/shop\n");
        // the override holds only what differs from the base; dev overrides nothing and has no file
        assertThat(written.get("releases/edit-web/values/edit-web--production.yaml").asString()).isEqualTo("replicaCount: 4\n");
        assertThat(written.has("releases/edit-web/values/edit-web--dev.yaml")).isFalse();

        // stand-in for a merged change request
        Map<String, String> changes = new LinkedHashMap<>();
        written.properties().forEach(e -> changes.put(e.getKey(), e.getValue().asString()));
        String head = gitops.main();
        gitops.updateRef(GitOpsRepository.MAIN, head, gitops.commit(head, changes, gitops.system(), "Add edit-web"));

        assertThat(api.get("/api/v1/releases/edit-web", DEVELOPER).json().get("environments").size()).isEqualTo(2);
        JsonNode again = api.post("/api/v1/releases/validate", DEVELOPER, draft).json();
        assertThat(problems(again, "errors")).contains("release|name|a release named edit-web already exists");

        ReleaseDraft loaded = new AsUser(security).call("developer", () -> drafts.load("edit-web"));
        assertThat(loaded.namespace()).isEqualTo("shop");
        assertThat(loaded.environments()).containsExactly("dev", "production");
        assertThat(loaded.environmentValues()).containsEntry("production", "replicaCount: 4\n");

        Map<String, Object> edited = release("edit-web", loaded.baseValues(), envs("dev", "", "production", "replicaCount: 6\n"));
        ApiClient.Response editedFiles = api.post("/api/v1/releases/files?editing=edit-web", DEVELOPER, edited);
        assertThat(editedFiles.status()).isEqualTo(200);
        assertThat(editedFiles.json().get("releases/edit-web/values/edit-web--production.yaml").asString()).isEqualTo("replicaCount: 6\n");
        assertThat(editedFiles.json().get("releases/edit-web/values/edit-web.yaml").asString()).isEqualTo(changes.get("releases/edit-web/values/edit-web.yaml"));

        ApiClient.Response inUse = api.delete("/api/v1/environments/production", ADMIN);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.body()).contains("edit-web");
    }
}
