package io.chartroom.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.base.settings.DataDirectory;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.GitOpsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With an external remote: the repository starts as its copy, and main and branches are pushed to it. */
class GitOpsRemoteTest {

    @TempDir Path tmp;

    @Test
    void startsFromTheRemoteAndPushesEveryRefChange() throws Exception {
        Path work = tmp.resolve("work");
        String remoteMain;
        try (Git seed = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("helmfile.yaml"), "helmfiles: []\n");
            seed.add().addFilepattern("helmfile.yaml").call();
            remoteMain = seed.commit().setMessage("from the platform team").setAuthor("P", "p@example.com").call().name();
        }
        Path bare = tmp.resolve("remote.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();

        try (GitOpsRepository gitops = new GitOpsRepository(new DataDirectory(tmp.resolve("data")),
                new GitOpsSettings(bare.toUri().toString(), null, null, "Chartroom", "chartroom@localhost", org.springframework.util.unit.DataSize.ofMegabytes(20), "disk"), Clock.systemUTC())) {
            assertThat(gitops.main()).as("main comes from the remote").isEqualTo(remoteMain);
            assertThat(gitops.read(gitops.main(), "helmfile.yaml")).contains("helmfiles: []\n");

            String commit = gitops.commit(gitops.main(), Map.of("environments.yaml", "environments: {}\n"), gitops.system(), "Add environments");
            gitops.updateRef(GitOpsRepository.MAIN, remoteMain, commit);
            gitops.updateRef("refs/heads/cr/1", null, commit);
            assertThat(gitops.awaitRemote(Duration.ofSeconds(30))).isTrue();
            try (Repository remote = Git.open(bare.toFile()).getRepository()) {
                assertThat(remote.exactRef("refs/heads/main").getObjectId().name()).isEqualTo(commit);
                assertThat(remote.exactRef("refs/heads/cr/1").getObjectId().name()).isEqualTo(commit);
            }
            gitops.deleteRef("refs/heads/cr/1");
            assertThat(gitops.awaitRemote(Duration.ofSeconds(30))).isTrue();
            try (Repository remote = Git.open(bare.toFile()).getRepository()) {
                assertThat(remote.exactRef("refs/heads/cr/1")).isNull();
            }
            assertThat(gitops.remoteProblem()).isEmpty();
        }
    }

    /** A team's remote whose branch is master: read as main, and nothing is pushed (no new main with defaults). */
    @Test
    void aRemoteWithoutMainIsReadFromItsDefaultBranchAndNotWrittenTo() throws Exception {
        Path work = tmp.resolve("master-work");
        String master;
        try (Git seed = Git.init().setDirectory(work.toFile()).setInitialBranch("master").call()) {
            Files.writeString(work.resolve("helmfile.yaml"), "helmfiles:\n  - path: apps/*.yaml\n");
            seed.add().addFilepattern("helmfile.yaml").call();
            master = seed.commit().setMessage("the team's layout").setAuthor("P", "p@example.com").call().name();
        }
        Path bare = tmp.resolve("master-remote.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        try (GitOpsRepository gitops = new GitOpsRepository(new DataDirectory(tmp.resolve("master-data")),
                new GitOpsSettings(bare.toUri().toString(), null, null, "Chartroom", "chartroom@localhost",
                        org.springframework.util.unit.DataSize.ofMegabytes(20), "disk"), Clock.systemUTC())) {
            assertThat(gitops.main()).isEqualTo(master);
            assertThat(gitops.awaitRemote(Duration.ofSeconds(30))).isTrue();
            try (Repository remote = Git.open(bare.toFile()).getRepository()) {
                assertThat(remote.exactRef("refs/heads/main")).as("no main is pushed to the team's remote").isNull();
                assertThat(remote.exactRef("refs/heads/master").getObjectId().name()).isEqualTo(master);
            }
        }
    }
}
