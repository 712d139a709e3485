package io.chartroom.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.TestSettings;
import io.chartroom.gitops.service.GitOpsRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 22, item 2: the portal on the GitOps repository in PostgreSQL (chartroom.gitops.storage=postgresql): the
 * first start writes its initial commit as rows, a change request is opened, approved and merged, and the repository
 * is cloned and pushed to over Git's smart HTTP, with nothing of it on the replica's disk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestSettings.POSTGRES_DIRECTORY, TestSettings.POSTGRES_CLEAN, TestSettings.DATABASE, TestSettings.DATA_DIR,
        TestSettings.NO_WARM_UP, TestSettings.LAZY_RENDER_WORKERS, TestSettings.FAST_SCHEDULERS, "chartroom.gitops.storage=postgresql"})
class PostgresStorageFlowTest {

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired JdbcClient jdbc;
    @TempDir Path tmp;

    @Test
    void changeRequestsMergeAndGitOverHttpWorkOnTheRepositoryInPostgresql() throws Exception {
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        assertThat(jdbc.sql("select count(*) from git_ref where repository = 'gitops'").query(Long.class).single())
                .as("HEAD and main as rows").isEqualTo(2);
        long id = changes.propose(Auth.user("developer"), ChangeRequests.release("pg-web", "replicaCount: 3\n", Map.of("dev", "")), null)
                .get("id").asLong();
        changes.approve(id, "approver");
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        String main = merged.json().get("mergeCommit").asString();
        assertThat(gitops.main()).isEqualTo(main);
        assertThat(jdbc.sql("select object_id from git_ref where repository = 'gitops' and name = 'refs/heads/main'").query(String.class).single())
                .isEqualTo(main);
        assertThat(jdbc.sql("select count(*) from git_pack where repository = 'gitops'").query(Long.class).single()).isPositive();

        String token = api.post("/api/v1/tokens", Auth.user("developer"), Map.of("name", "git", "days", 1)).json().get("token").asString();
        UsernamePasswordCredentialsProvider developer = new UsernamePasswordCredentialsProvider("developer", token);
        Path clone = tmp.resolve("clone");
        try (Git git = Git.cloneRepository().setURI(api.base() + "/git/gitops.git").setDirectory(clone.toFile()).setCredentialsProvider(developer).call()) {
            assertThat(Files.readString(clone.resolve("releases/pg-web/values/pg-web.yaml"))).isEqualTo("replicaCount: 3\n");
            Files.writeString(clone.resolve("notes.md"), "a branch of my own\n");
            git.add().addFilepattern("notes.md").call();
            git.commit().setMessage("notes").setAuthor("Dana", "dana@example.com").call();
            for (PushResult result : git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/dana/notes")).setCredentialsProvider(developer).call()) {
                assertThat(result.getRemoteUpdate("refs/heads/dana/notes").getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
            }
            String pushed = git.getRepository().resolve("HEAD").name();
            assertThat(gitops.resolve("refs/heads/dana/notes")).contains(pushed);
            assertThat(gitops.read(pushed, "notes.md")).contains("a branch of my own\n");
        }
        assertThat(gitops.repository().getDirectory()).as("no repository directory on the replica's disk").isNull();
    }
}
