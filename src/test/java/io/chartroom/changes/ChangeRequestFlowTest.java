package io.chartroom.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.gitops.service.GitOpsRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * End to end on the embedded default: a developer proposes a release for dev and production; production needs
 * two approvals from APPROVERs, the author cannot approve, a new commit dismisses approvals; the merge writes
 * main; a token clones over HTTP and sees it; pushes to main are refused; the revert proposes the removal.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeRequestFlowTest {

    static final Auth DEVELOPER = Auth.user("developer");
    static final Auth APPROVER = Auth.user("approver");
    static final Auth APPROVER2 = Auth.user("approver2");

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @TempDir Path tmp;
    ApiClient api;
    ChangeRequests changes;

    @BeforeAll
    void client() {
        api = new ApiClient(port);
        changes = new ChangeRequests(api);
        changes.awaitSamples();
    }

    @Test
    void proposeReviewMergeCloneAndRevert() throws Exception {
        String mainBefore = gitops.main();
        JsonNode cr = changes.propose(DEVELOPER, ChangeRequests.release("flow-web", "image:\n  repository: ghcr.io/acme/flow\n",
                Map.of("dev", "", "production", "replicaCount: 3\n")), null);
        long id = cr.get("id").asLong();
        assertThat(cr.get("state").asString()).isEqualTo("OPEN");
        assertThat(cr.get("kind").asString()).isEqualTo("CREATE");
        assertThat(cr.get("branch").asString()).isEqualTo("cr/" + id);
        assertThat(cr.get("environments").toString()).contains("dev", "production");
        assertThat(gitops.main()).as("proposing does not touch main").isEqualTo(mainBefore);
        assertThat(gitops.resolve("refs/heads/cr/" + id)).contains(cr.get("headCommit").asString());

        JsonNode details = api.get("/api/v1/change-requests/" + id, DEVELOPER).json();
        assertThat(details.get("checksPass").asBoolean()).as(details.get("checks").toString()).isTrue();
        assertThat(details.get("files").findValuesAsString("path")).containsExactly(
                "releases/flow-web/helmfile.yaml.gotmpl", "releases/flow-web/values/flow-web--production.yaml", "releases/flow-web/values/flow-web.yaml");
        JsonNode production = environment(details, "production");
        JsonNode target = production.get("targets").get(0);
        assertThat(target.get("clusters").get(0).asString()).isEqualTo("sim-production");
        assertThat(target.get("added").asInt()).isEqualTo(2);
        assertThat(target.get("objects").findValuesAsString("diff")).anySatisfy(d -> assertThat(d).contains("+  replicas: 3"));
        assertThat(production.get("valuesDiff").asString()).contains("+replicaCount: 3");
        assertThat(details.get("policyMet").asBoolean()).isFalse();
        assertThat(details.get("missing").toString()).contains("production: 2 more approvals from an APPROVER", "dev: 1 more approval");

        // the author cannot approve; two approvers can
        assertThat(api.post("/api/v1/change-requests/" + id + "/approve", Auth.user("admin"), Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/change-requests/" + id + "/approve", DEVELOPER, Map.of()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/change-requests/" + id + "/approve", APPROVER, Map.of()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/change-requests/" + id, DEVELOPER).json().get("policyMet").asBoolean()).isTrue();

        // a new commit dismisses the approvals
        ApiClient.Response amended = api.put("/api/v1/change-requests/" + id, DEVELOPER, Map.of("release",
                ChangeRequests.release("flow-web", "image:\n  repository: ghcr.io/acme/flow\n", Map.of("dev", "", "production", "replicaCount: 4\n")),
                "editing", "flow-web"));
        assertThat(amended.status()).as(amended.body()).isEqualTo(200);
        details = api.get("/api/v1/change-requests/" + id, DEVELOPER).json();
        assertThat(details.get("policyMet").asBoolean()).isFalse();
        assertThat(details.get("approvals").findValuesAsString("dismissedReason")).allSatisfy(r -> assertThat(r).startsWith("new commit"));
        assertThat(details.get("conversation").findValuesAsString("kind")).contains("OPENED", "APPROVED", "COMMITTED", "DISMISSED");
        ApiClient.Response early = api.post("/api/v1/change-requests/" + id + "/merge", APPROVER, Map.of());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body()).contains("approval policy is not met");

        assertThat(api.post("/api/v1/change-requests/" + id + "/approve", APPROVER, Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/change-requests/" + id + "/approve", APPROVER2, Map.of()).status()).isEqualTo(200);
        JsonNode merged = api.post("/api/v1/change-requests/" + id + "/merge", APPROVER, Map.of("method", "MERGE")).json();
        assertThat(merged.get("state").asString()).isEqualTo("MERGED");
        String mergeCommit = merged.get("mergeCommit").asString();
        assertThat(gitops.main()).isEqualTo(mergeCommit);
        assertThat(gitops.read(mergeCommit, "releases/flow-web/values/flow-web--production.yaml")).contains("replicaCount: 4\n");
        // a second click merges nothing more
        JsonNode again = api.post("/api/v1/change-requests/" + id + "/merge", APPROVER, Map.of()).json();
        assertThat(again.get("mergeCommit").asString()).isEqualTo(mergeCommit);
        assertThat(gitops.main()).isEqualTo(mergeCommit);

        // over HTTP with a personal access token
        String token = api.post("/api/v1/tokens", DEVELOPER, Map.of("name", "git", "days", 1)).json().get("token").asString();
        Path clone = tmp.resolve("clone");
        String url = api.base() + "/git/gitops.git";
        assertThatThrownBy(() -> Git.cloneRepository().setURI(url).setDirectory(tmp.resolve("anonymous").toFile()).call().close())
                .isInstanceOf(TransportException.class).hasMessageContaining("Authentication is required");
        try (Git git = Git.cloneRepository().setURI(url).setDirectory(clone.toFile())
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider("developer", token)).call()) {
            assertThat(Files.readString(clone.resolve("releases/flow-web/values/flow-web--production.yaml"))).isEqualTo("replicaCount: 4\n");
            Files.writeString(clone.resolve("releases/flow-web/values/flow-web--production.yaml"), "replicaCount: 20\n");
            git.commit().setAll(true).setMessage("sneak into main").setAuthor("Dana", "dana@example.com").call();
            List<RemoteRefUpdate.Status> pushed = new ArrayList<>();
            for (PushResult result : git.push().setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main"),
                    new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/cr/" + id), new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/dana/try"))
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("developer", token)).call()) {
                result.getRemoteUpdates().forEach(u -> pushed.add(u.getStatus()));
                assertThat(result.getRemoteUpdate("refs/heads/main").getMessage()).contains("main is protected");
            }
            assertThat(pushed).containsExactlyInAnyOrder(RemoteRefUpdate.Status.REJECTED_OTHER_REASON,
                    RemoteRefUpdate.Status.REJECTED_OTHER_REASON, RemoteRefUpdate.Status.OK);
        }
        assertThat(gitops.main()).isEqualTo(mergeCommit);
        assertThat(gitops.resolve("refs/heads/dana/try")).isPresent();

        // the rollback: a change request that removes what this one created
        JsonNode revert = api.post("/api/v1/change-requests/" + id + "/revert", DEVELOPER, Map.of()).json();
        assertThat(revert.get("kind").asString()).isEqualTo("DELETE");
        assertThat(revert.get("revertsId").asLong()).isEqualTo(id);
        JsonNode revertDetails = api.get("/api/v1/change-requests/" + revert.get("id").asLong(), DEVELOPER).json();
        assertThat(environment(revertDetails, "production").get("targets").get(0).get("removed").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/change-requests/" + id, DEVELOPER).json().get("revertedBy").asLong()).isEqualTo(revert.get("id").asLong());
        assertThat(api.post("/api/v1/change-requests/" + revert.get("id").asLong() + "/close", DEVELOPER, Map.of()).json()
                .get("state").asString()).isEqualTo("CLOSED");
    }

    @Test
    void aViewerReadsButCannotPushOrPropose() throws Exception {
        String token = api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "read", "days", 1)).json().get("token").asString();
        try (Git git = Git.cloneRepository().setURI(api.base() + "/git/gitops.git").setDirectory(tmp.resolve("viewer").toFile())
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider("viewer", token)).call()) {
            assertThat(tmp.resolve("viewer/environments.yaml")).exists();
            Files.writeString(tmp.resolve("viewer/notes.txt"), "hello\n");
            git.add().addFilepattern("notes.txt").call();
            git.commit().setMessage("notes").setAuthor("Vic", "vic@example.com").call();
            assertThatThrownBy(() -> git.push().setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/vic"))
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("viewer", token)).call())
                    .isInstanceOf(TransportException.class);
        }
        assertThat(api.post("/api/v1/change-requests", Auth.user("viewer"), Map.of("release",
                ChangeRequests.release("viewer-web", "", Map.of("dev", "")))).status()).isEqualTo(403);
    }

    @Test
    void policiesNameTheirApproversAndOnlyAnAdminOverridesThemWithAReason() {
        Auth admin = Auth.user("admin");
        Environments.create(api, Map.of("name", "qa-policy", "clusterSelector", "env=dev", "kubeVersion", "1.31"));
        Map<String, Object> policy = Map.of("requiredApprovals", 1, "approverRole", "APPROVER", "approverTeam", "@owner", "requireAdmin", true);
        assertThat(api.put("/api/v1/environments/qa-policy/approval-policy", DEVELOPER, policy).status()).isEqualTo(403);
        // a policy is a change of environments.yaml: proposed, approved by another ADMIN (never its author), merged
        ApiClient.Response proposed = api.put("/api/v1/environments/qa-policy/approval-policy", admin, policy);
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(202);
        long policyChange = proposed.json().get("changeRequest").asLong();
        assertThat(api.get("/api/v1/environments/qa-policy/approval-policy", DEVELOPER).json().get("summary").asString())
                .as("nothing applies before the merge").isEqualTo("1 approval from an APPROVER");
        JsonNode review = api.get("/api/v1/change-requests/" + policyChange, DEVELOPER).json();
        assertThat(review.get("changeRequest").get("kind").asString()).isEqualTo("ENVIRONMENTS");
        assertThat(review.get("changeRequest").get("release").isNull()).isTrue();
        assertThat(review.get("missing").toString()).contains("environments.yaml: 1 more approval from an ADMIN");
        assertThat(environment(review, "qa-policy").get("valuesDiff").asString())
                .contains("-approvals: 1 approval from an APPROVER\n", "+approvals: 1 approval from an APPROVER of the owning team, one of them from an ADMIN");
        assertThat(review.get("files").toString()).contains("environments.yaml");
        assertThat(api.post("/api/v1/change-requests/" + policyChange + "/approve", admin, Map.of()).status()).as("its author").isEqualTo(403);
        assertThat(api.post("/api/v1/change-requests/" + policyChange + "/approve", APPROVER, Map.of()).status()).as("not an ADMIN")
                .isEqualTo(403);
        Environments.merge(api, policyChange);
        JsonNode saved = api.get("/api/v1/environments/qa-policy/approval-policy", DEVELOPER).json();
        assertThat(saved.get("summary").asString()).isEqualTo("1 approval from an APPROVER of the owning team, one of them from an ADMIN");
        assertThat(saved.get("source").asString()).isEqualTo("FILE");

        long id = changes.propose(DEVELOPER, ChangeRequests.release("policy-web", "", Map.of("qa-policy", "")), null).get("id").asLong();
        ApiClient.Response otherTeam = api.post("/api/v1/change-requests/" + id + "/approve", APPROVER2, Map.of());
        assertThat(otherTeam.status()).isEqualTo(403);
        assertThat(otherTeam.body()).contains("qa-policy needs 1 approval from an APPROVER of the owning team");
        changes.approve(id, "approver");
        JsonNode details = api.get("/api/v1/change-requests/" + id, DEVELOPER).json();
        assertThat(details.get("missing").toString()).contains("qa-policy: an approval from an ADMIN");

        assertThat(api.post("/api/v1/change-requests/" + id + "/merge", APPROVER, Map.of("overrideReason", "urgent")).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/change-requests/" + id + "/merge", admin, Map.of()).status()).isEqualTo(409);
        JsonNode merged = api.post("/api/v1/change-requests/" + id + "/merge", admin, Map.of("overrideReason", "hotfix for incident 42")).json();
        assertThat(merged.get("state").asString()).isEqualTo("MERGED");
        assertThat(api.get("/api/v1/change-requests/" + id, DEVELOPER).json().get("conversation").toString())
                .contains("OVERRIDDEN", "hotfix for incident 42");

        // leave the shared portal as it was: remove the release (admins override again), then the environment
        long removal = api.post("/api/v1/change-requests", DEVELOPER, Map.of("remove", "policy-web")).json().get("id").asLong();
        assertThat(api.post("/api/v1/change-requests/" + removal + "/merge", admin, Map.of("overrideReason", "test cleanup")).status()).isEqualTo(200);
        Environments.remove(api, "qa-policy");
    }

    static JsonNode environment(JsonNode details, String name) {
        for (JsonNode e : details.get("environments")) {
            if (e.get("environment").asString().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no environment " + name + " in " + details.get("environments"));
    }
}
