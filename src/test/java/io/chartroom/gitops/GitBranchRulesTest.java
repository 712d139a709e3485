package io.chartroom.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.gitops.service.GitOpsRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pushing over Git's HTTP protocol: a branch belongs to whoever created it (or, under users/&lt;name&gt;/, to
 * &lt;name&gt;); names that would pass for main or HEAD are refused; every refusal is audited.
 */
@IntegrationTest
class GitBranchRulesTest {

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired JdbcClient jdbc;
    @TempDir Path tmp;

    @Test
    void aBranchBelongsToItsCreatorAndReservedNamesAreRefused() throws Exception {
        ApiClient api = new ApiClient(port);
        String url = api.base() + "/git/gitops.git";
        var dana = credentials(api, "developer");
        var eve = credentials(api, "approver2"); // another team (developer2 must keep no tokens for the tokens page test)
        Path clone = tmp.resolve("clone");
        try (Git git = Git.cloneRepository().setURI(url).setDirectory(clone.toFile()).setCredentialsProvider(dana).call()) {
            Files.writeString(clone.resolve("notes.md"), "dana's idea\n");
            git.add().addFilepattern("notes.md").call();
            git.commit().setMessage("an idea").setAuthor("Dana", "dana@example.com").call();
            assertThat(push(git, dana, "HEAD:refs/heads/feature/idea")).containsEntry("refs/heads/feature/idea", "OK");

            Files.writeString(clone.resolve("notes.md"), "eve's rewrite\n");
            git.commit().setAll(true).setMessage("mine now").setAuthor("Eve", "eve@example.com").call();
            long before = refusals();
            Map<String, String> results = push(git, eve, "+HEAD:refs/heads/feature/idea",
                    "HEAD:refs/heads/HEAD", "HEAD:refs/heads/Main", "HEAD:refs/heads/users/developer/x", "HEAD:refs/heads/users/approver2/x");
            assertThat(results.get("refs/heads/feature/idea")).isEqualTo("feature/idea belongs to developer: only its owner or an ADMIN may change or delete it");
            assertThat(results.get("refs/heads/HEAD")).isEqualTo("'HEAD' is reserved: it would be mistaken for main or HEAD, or block cr/* or users/*");
            assertThat(results.get("refs/heads/Main")).isEqualTo("'Main' is reserved: it would be mistaken for main or HEAD, or block cr/* or users/*");
            assertThat(results.get("refs/heads/users/developer/x")).isEqualTo("branches under users/developer/ belong to that user");
            assertThat(results.get("refs/heads/users/approver2/x")).isEqualTo("OK");
            assertThat(refusals()).as("the refusals are audited").isEqualTo(before + 1);
            assertThat(jdbc.sql("select details from audit_event where action = 'git.push_refused' order by id desc limit 1")
                    .query(String.class).single()).contains("feature/idea belongs to developer").contains("refs/heads/Main");

            // main changes only by merging, whoever pushes: refused and audited, for an ADMIN too
            String main = gitops.main();
            long beforeMain = refusals();
            String protectedMain = "main is protected: it changes only by merging change requests in Chartroom";
            assertThat(push(git, dana, "+HEAD:refs/heads/main")).containsEntry("refs/heads/main", protectedMain);
            assertThat(push(git, credentials(api, "admin"), ":refs/heads/main")).containsEntry("refs/heads/main", protectedMain);
            assertThat(gitops.main()).isEqualTo(main);
            assertThat(refusals()).isEqualTo(beforeMain + 2);
            assertThat(jdbc.sql("select actor || ' ' || details from audit_event where action = 'git.push_refused' order by id desc limit 2")
                    .query(String.class).list()).satisfiesExactly(
                            admin -> assertThat(admin).startsWith("admin ").contains("refs/heads/main: " + protectedMain),
                            developer -> assertThat(developer).startsWith("developer ").contains("refs/heads/main: " + protectedMain));
            String refusedViewer;
            try {
                refusedViewer = push(git, new UsernamePasswordCredentialsProvider("viewer", "viewer"), "+HEAD:refs/heads/main").toString();
            } catch (org.eclipse.jgit.api.errors.TransportException refused) {
                refusedViewer = refused.getMessage();
            }
            assertThat(refusedViewer).doesNotContain("OK");
            assertThat(gitops.main()).isEqualTo(main);
            assertThat(refusals()).as("a VIEWER's push is refused and audited as well").isEqualTo(beforeMain + 3);
            assertThat(jdbc.sql("select actor || ' ' || details from audit_event where action = 'git.push_refused' order by id desc limit 1")
                    .query(String.class).single()).startsWith("viewer ").contains("pushing takes the DEVELOPER role; viewer has VIEWER");

            // the owner may force-push and delete; so may an ADMIN
            assertThat(push(git, dana, "+HEAD:refs/heads/feature/idea")).containsEntry("refs/heads/feature/idea", "OK");
            assertThat(push(git, dana, ":refs/heads/feature/idea")).containsEntry("refs/heads/feature/idea", "OK");
            assertThat(gitops.resolve("refs/heads/feature/idea")).isEmpty();
            assertThat(push(git, credentials(api, "admin"), ":refs/heads/users/approver2/x")).containsEntry("refs/heads/users/approver2/x", "OK");

            // a push larger than chartroom.gitops.max-push-size (20 MB) is refused and writes nothing
            byte[] noise = new byte[21 * 1024 * 1024];
            new java.util.Random(7).nextBytes(noise);
            Files.write(clone.resolve("blob.bin"), noise);
            git.add().addFilepattern("blob.bin").call();
            git.commit().setMessage("too big").setAuthor("Dana", "dana@example.com").call();
            String outcome;
            long refusedBefore = refusals();
            try {
                outcome = push(git, dana, "HEAD:refs/heads/feature/big").get("refs/heads/feature/big");
            } catch (org.eclipse.jgit.api.errors.TransportException refused) {
                outcome = refused.getMessage();
            }
            assertThat(outcome).isNotEqualTo("OK");
            assertThat(gitops.resolve("refs/heads/feature/big")).isEmpty();
            assertThat(refusals()).as("the too large push is audited too").isEqualTo(refusedBefore + 1);
        }
    }

    private long refusals() {
        return jdbc.sql("select count(*) from audit_event where action = 'git.push_refused' and outcome = 'DENIED'").query(Long.class).single();
    }

    private static UsernamePasswordCredentialsProvider credentials(ApiClient api, String user) {
        String token = api.post("/api/v1/tokens", Auth.user(user), Map.of("name", "git-" + System.nanoTime(), "days", 1)).json()
                .get("token").asString();
        return new UsernamePasswordCredentialsProvider(user, token);
    }

    /** Each ref's result: "OK" or the server's message. */
    private static Map<String, String> push(Git git, UsernamePasswordCredentialsProvider who, String... specs) throws Exception {
        var push = git.push().setCredentialsProvider(who);
        push.setRefSpecs(java.util.Arrays.stream(specs).map(RefSpec::new).toList());
        Map<String, String> results = new LinkedHashMap<>();
        for (PushResult result : push.call()) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                results.put(update.getRemoteName(), update.getStatus() == RemoteRefUpdate.Status.OK ? "OK"
                        : update.getMessage() == null ? update.getStatus().name() : update.getMessage());
            }
        }
        return results;
    }
}
