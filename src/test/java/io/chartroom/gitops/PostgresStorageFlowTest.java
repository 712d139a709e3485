package io.chartroom.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.TestSettings;
import io.chartroom.gitops.service.GitOpsRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 22, item 2: the portal on the GitOps repository in PostgreSQL (chartroom.gitops.storage=postgresql): the
 * first start writes its initial commit as rows, a change request is opened, approved and merged, and the repository
 * is cloned and pushed to over Git's smart HTTP, with nothing of it on the replica's disk; a change request's row and
 * its branch are written in one database transaction.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestSettings.POSTGRES_DIRECTORY, TestSettings.POSTGRES_CLEAN, TestSettings.DATABASE, TestSettings.DATA_DIR,
        TestSettings.NO_WARM_UP, TestSettings.LAZY_RENDER_WORKERS, TestSettings.FAST_SCHEDULERS, "chartroom.gitops.storage=postgresql"})
class PostgresStorageFlowTest {

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
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

    /** A ref moved inside a transaction: no other session sees it before the commit, and a rollback leaves nothing. */
    @Test
    void aRefWrittenInATransactionIsSeenOnlyByItUntilItCommits() throws Exception {
        String main = gitops.main();
        String ref = "refs/heads/tx/" + System.nanoTime();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                gitops.updateRef(ref, null, main);
                assertThat(gitops.resolve(ref)).as("seen by the transaction that wrote it").contains(main);
                assertThat(await(other.submit(() -> gitops.resolve(ref)))).as("not by another session before the commit").isEmpty();
                assertThat(await(other.submit(() -> jdbc.sql("select count(*) from git_ref where name = ?").param(ref).query(Long.class).single())))
                        .isZero();
                throw new IllegalStateException("simulated failure after the ref was written");
            })).hasMessageContaining("simulated");
            assertThat(gitops.resolve(ref)).as("rolled back with the transaction").isEmpty();

            tx.executeWithoutResult(status -> gitops.updateRef(ref, null, main));
            assertThat(await(other.submit(() -> gitops.resolve(ref)))).as("committed: seen everywhere").contains(main);
            gitops.deleteRef(ref);
        } finally {
            other.shutdownNow();
        }
    }

    /**
     * The database refuses the opening's last row (its activity) after the branch is written: the change request and
     * its branch are both gone, undone by the database with the transaction, not put back afterwards.
     */
    @Test
    void aChangeRequestWhoseOpeningFailsAfterItsBranchLeavesNeitherRowNorBranch(CapturedOutput output) {
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        jdbc.sql("""
                create or replace function test_refuse_activity() returns trigger language plpgsql as $$
                begin
                    if new.body = 'refused by the database' then raise exception 'simulated: activity refused'; end if;
                    return new;
                end $$""").update();
        jdbc.sql("create trigger test_refuse_activity before insert on change_request_activity for each row execute function test_refuse_activity()")
                .update();
        try {
            long changeRequests = jdbc.sql("select count(*) from change_request").query(Long.class).single();
            long branches = jdbc.sql("select count(*) from git_ref where name like 'refs/heads/cr/%'").query(Long.class).single();
            ApiClient.Response refused = api.post("/api/v1/change-requests", Auth.user("developer"),
                    Map.of("release", ChangeRequests.release("pg-refused", "", Map.of("dev", "")), "description", "refused by the database"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(500);
            assertThat(jdbc.sql("select count(*) from change_request").query(Long.class).single()).isEqualTo(changeRequests);
            assertThat(jdbc.sql("select count(*) from git_ref where name like 'refs/heads/cr/%'").query(Long.class).single()).isEqualTo(branches);
            assertThat(output.getAll()).as("nothing to put back afterwards").doesNotContain("Rolled back refs/heads/cr/");
        } finally {
            jdbc.sql("drop trigger test_refuse_activity on change_request_activity").update();
            jdbc.sql("drop function test_refuse_activity()").update();
        }
    }

    private static <T> T await(Future<T> answer) {
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
