package io.chartroom.gitops.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.base.settings.DataDirectory;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.gitops.domain.CommitAuthor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

/**
 * Issue 22, item 2: the GitOps repository in PostgreSQL. Two instances on one database (as two replicas are) share
 * one main: what one commits the other reads at once, a ref moves by compare-and-swap so that only one of two racing
 * updates wins, and a repository kept on disk is copied in whole.
 */
@IntegrationTest
class PostgresRepositoryTest {

    @Autowired GitRows rows;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @TempDir Path tmp;

    /** Repositories of this test's own, never the portal's ({@code gitops}) in the database the tests share. */
    private final String repository = "test-" + Long.toHexString(System.nanoTime());

    private GitOpsRepository replica(String name, String storage) {
        return new GitOpsRepository(new DataDirectory(tmp.resolve(name)),
                new GitOpsSettings(null, null, null, "Chartroom", "chartroom@localhost", DataSize.ofMegabytes(20), storage), Clock.systemUTC(), rows,
                repository);
    }

    @Test
    void twoReplicasShareOneMainAndOnlyOneOfTwoRacingUpdatesWins() {
        try (GitOpsRepository a = replica("a", "postgresql"); GitOpsRepository b = replica("b", "postgresql")) {
            String initial = a.main();
            assertThat(b.main()).as("the second replica opens the first one's repository, not a new one").isEqualTo(initial);
            assertThat(b.read(initial, "README.md")).isPresent();

            String first = a.commit(initial, Map.of("releases/one/values/one.yaml", "a: 1\n"), CommitAuthor.user("alice"), "one");
            a.updateRef(GitOpsRepository.MAIN, initial, first);
            assertThat(b.main()).as("seen by the other replica at once").isEqualTo(first);
            assertThat(b.read(first, "releases/one/values/one.yaml")).as("with the objects the other wrote").contains("a: 1\n");

            String fromA = a.commit(first, Map.of("x.yaml", "by: a\n"), CommitAuthor.user("alice"), "a");
            String fromB = b.commit(first, Map.of("x.yaml", "by: b\n"), CommitAuthor.user("bob"), "b");
            b.updateRef(GitOpsRepository.MAIN, first, fromB);
            assertThatThrownBy(() -> a.updateRef(GitOpsRepository.MAIN, first, fromA))
                    .isInstanceOf(GitOpsRepository.ConcurrentUpdateException.class);
            assertThat(a.main()).isEqualTo(fromB);

            GitOpsRepository.MergeOutcome merged = a.merge(fromB, fromA);
            assertThat(merged.clean()).as("both changed x.yaml: a conflict, as on disk").isFalse();
            a.updateRef("refs/heads/cr/1", null, fromA);
            assertThat(b.resolve("refs/heads/cr/1")).contains(fromA);
            b.deleteRef("refs/heads/cr/1");
            assertThat(a.resolve("refs/heads/cr/1")).isEmpty();
        }
    }

    @Test
    void smallPacksAreCompactedAndTheirFilesKeptAWhileForReadersThatListedThem() {
        try (GitOpsRepository a = replica("c", "postgresql")) {
            String commit = a.main();
            for (int i = 0; i < PostgresGitRepository.SMALL_PACKS + 3; i++) {
                commit = a.commit(commit, Map.of("file-" + i + ".yaml", "n: " + i + "\n"), CommitAuthor.user("alice"), "commit " + i);
            }
            // compacted in the background
            io.chartroom.fixtures.Poll.until(java.time.Duration.ofSeconds(30), () -> jdbc.sql(
                    "select count(*) from git_pack where repository = ? and replaced_at is null").param(repository).query(Long.class).single(),
                    listed -> listed < PostgresGitRepository.SMALL_PACKS);
            assertThat(jdbc.sql("select count(*) from git_pack where repository = ? and replaced_at is not null").param(repository).query(Long.class).single())
                    .as("replaced packs kept for a while").isPositive();
            // a refused push's pack: written, never committed, old enough: gone at the next pack commit
            jdbc.sql("insert into git_pack_file (repository, pack, ext, data, written_at) values (?, 'pack-refused', 'PACK', '\\x00', "
                    + "now() - interval '2 hours')").param(repository).update();
            jdbc.sql("insert into git_pack_file (repository, pack, ext, data) values (?, 'pack-being-written', 'PACK', '\\x00')").param(repository).update();
            a.commit(commit, Map.of("later.yaml", "l: 1\n"), CommitAuthor.user("alice"), "later");
            io.chartroom.fixtures.Poll.until(java.time.Duration.ofSeconds(30), () -> jdbc.sql(
                    "select count(*) from git_pack_file where pack = 'pack-refused'").query(Long.class).single(), n -> n == 0);
            assertThat(jdbc.sql("select count(*) from git_pack_file where pack = 'pack-being-written'").query(Long.class).single())
                    .as("a pack being written now is left alone").isEqualTo(1);
            assertThat(new TreeReader(a.repository()).texts(commit, 1024).files()).containsEntry("file-0.yaml", "n: 0\n")
                    .containsEntry("file-" + (PostgresGitRepository.SMALL_PACKS + 2) + ".yaml", "n: " + (PostgresGitRepository.SMALL_PACKS + 2) + "\n");
        }
    }

    /** Objects no ref reaches are dropped by a collection once they were garbage longer than the time kept; the rest is whole. */
    @Test
    void garbageCollectionDropsWhatNoRefReachesAndKeepsTheRest() throws Exception {
        try (PostgresGitRepository repository = PostgresGitRepository.open("gc-" + System.nanoTime(), rows)) {
            org.eclipse.jgit.lib.ObjectId kept = commit(repository, null, "kept.yaml", "kept: true\n");
            move(repository, "refs/heads/main", kept);
            org.eclipse.jgit.lib.ObjectId dropped = commit(repository, kept, "draft.yaml", "draft: " + System.nanoTime() + "\n");
            move(repository, "refs/heads/users/alice/draft", dropped);
            org.eclipse.jgit.lib.RefUpdate delete = repository.updateRef("refs/heads/users/alice/draft");
            delete.setForceUpdate(true);
            assertThat(delete.delete()).isEqualTo(org.eclipse.jgit.lib.RefUpdate.Result.FORCED);

            repository.collectGarbage(java.time.Duration.ofDays(1));
            assertThat(repository.getObjectDatabase().has(dropped)).as("garbage is kept for a day (a writer may link to it)").isTrue();
            // with a garbage time of a millisecond, a later collection drops it
            io.chartroom.fixtures.Poll.until(java.time.Duration.ofSeconds(10), () -> {
                try {
                    repository.collectGarbage(java.time.Duration.ofMillis(1));
                    ((PostgresObjectDatabase) repository.getObjectDatabase()).rescan();
                    return repository.getObjectDatabase().has(dropped);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, has -> !has);
            assertThat(repository.getObjectDatabase().has(kept)).isTrue();
            assertThat(new TreeReader(repository).texts(kept.name(), 1024).files()).containsEntry("kept.yaml", "kept: true\n");
            org.eclipse.jgit.internal.fsck.FsckError fsck = new org.eclipse.jgit.internal.storage.dfs.DfsFsck(repository)
                    .check(org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
            assertThat(fsck.getMissingObjects()).isEmpty();
            assertThat(fsck.getCorruptObjects()).isEmpty();
        }
    }

    private static org.eclipse.jgit.lib.ObjectId commit(org.eclipse.jgit.lib.Repository repository, org.eclipse.jgit.lib.ObjectId parent,
                                                        String file, String text) throws java.io.IOException {
        try (org.eclipse.jgit.lib.ObjectInserter inserter = repository.newObjectInserter()) {
            org.eclipse.jgit.lib.TreeFormatter tree = new org.eclipse.jgit.lib.TreeFormatter();
            tree.append(file, org.eclipse.jgit.lib.FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            org.eclipse.jgit.lib.CommitBuilder commit = new org.eclipse.jgit.lib.CommitBuilder();
            commit.setTreeId(inserter.insert(tree));
            if (parent != null) {
                commit.setParentId(parent);
            }
            org.eclipse.jgit.lib.PersonIdent alice = new org.eclipse.jgit.lib.PersonIdent("alice", "alice@example.com");
            commit.setAuthor(alice);
            commit.setCommitter(alice);
            commit.setMessage(file);
            org.eclipse.jgit.lib.ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    private static void move(org.eclipse.jgit.lib.Repository repository, String ref, org.eclipse.jgit.lib.ObjectId to) throws java.io.IOException {
        org.eclipse.jgit.lib.RefUpdate update = repository.updateRef(ref);
        update.setNewObjectId(to);
        update.setForceUpdate(true);
        assertThat(update.update()).isIn(org.eclipse.jgit.lib.RefUpdate.Result.NEW, org.eclipse.jgit.lib.RefUpdate.Result.FORCED);
    }

    @Test
    void aRepositoryKeptOnDiskIsCopiedInWhole() throws Exception {
        String main;
        String branch;
        try (GitOpsRepository disk = replica("disk", "disk")) {
            main = disk.commit(disk.main(), Map.of("kept.yaml", "kept: true\n"), CommitAuthor.user("alice"), "kept");
            disk.updateRef(GitOpsRepository.MAIN, disk.main(), main);
            branch = disk.commit(main, Map.of("draft.yaml", "draft: true\n"), CommitAuthor.user("alice"), "draft");
            disk.updateRef("refs/heads/users/alice/draft", null, branch);
        }
        try (PostgresGitRepository database = PostgresGitRepository.open("import-" + System.nanoTime(), rows)) {
            database.create(true);
            database.getRefDatabase().newUpdate(Constants.HEAD, false).link(GitOpsRepository.MAIN);
            DiskRepositoryImport.into(database, tmp.resolve("disk").resolve("gitops").resolve("gitops.git"));
            assertThat(database.resolve(GitOpsRepository.MAIN).name()).isEqualTo(main);
            assertThat(database.resolve(Constants.HEAD).name()).as("HEAD still names main").isEqualTo(main);
            assertThat(database.resolve("refs/heads/users/alice/draft").name()).isEqualTo(branch);
            assertThat(new TreeReader(database).texts(branch, 1024).files()).containsEntry("kept.yaml", "kept: true\n")
                    .containsEntry("draft.yaml", "draft: true\n");
        }
    }
}
