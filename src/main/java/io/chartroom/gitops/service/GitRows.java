package io.chartroom.gitops.service;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rows of repositories stored in PostgreSQL: packs, their files, refs. Pack writes run in a transaction of their
 * own (never the caller's): a pack a rolled-back caller wrote must not vanish under JGit's caches, and unreferenced
 * objects are garbage collected later. Ref writes join the caller's transaction when there is one: a change request's
 * row and its branch (a merge's row and main) commit together or not at all, and no other session sees the ref before.
 */
@Component
class GitRows {

    /** A committed pack as listed: its files' sizes by extension name. */
    record Pack(String name, String source, long objectCount, long createdAtMillis, Map<String, Long> fileSizes) {}

    /** A ref: an object id, or (symbolic) the name of the ref it points to. */
    record RefRow(String name, @Nullable String objectId, @Nullable String symbolicTarget) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final TransactionTemplate joined;

    GitRows(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.joined = new TransactionTemplate(transactions);
        joined.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    List<Pack> packs(String repository) {
        Map<String, Map<String, Long>> sizes = new LinkedHashMap<>();
        jdbc.sql("select pack, ext, octet_length(data) from git_pack_file where repository = ?").param(repository)
                .query((rs, n) -> sizes.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3))).list();
        return jdbc.sql("""
                select name, source, object_count, created_at from git_pack where repository = ? and replaced_at is null
                order by created_at desc, name""")
                .param(repository)
                .query((rs, n) -> new Pack(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).getTime(),
                        sizes.getOrDefault(rs.getString(1), Map.of())))
                .list();
    }

    /** A file's length, if the file is there. */
    Optional<Long> fileSize(String repository, String pack, String ext) {
        return jdbc.sql("select octet_length(data) from git_pack_file where repository = ? and pack = ? and ext = ?").params(repository, pack, ext)
                .query(Long.class).optional();
    }

    /** Up to {@code length} bytes of a file from {@code position} (0-based): a window, never the whole of a large pack. */
    byte[] fileRange(String repository, String pack, String ext, long position, int length) {
        return jdbc.sql("select substring(data from cast(? as int) for cast(? as int)) from git_pack_file where repository = ? and pack = ? and ext = ?")
                .params(position + 1, length, repository, pack, ext).query(byte[].class).optional().orElse(new byte[0]);
    }

    /** Runs {@code work} while holding a lock all instances on the database share (the first start of a repository). */
    void underLock(String key, Runnable work) {
        own.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(key).query().singleRow();
            work.run();
        });
    }

    void putFile(String repository, String pack, String ext, byte[] data) {
        own.executeWithoutResult(status -> jdbc.sql("""
                insert into git_pack_file (repository, pack, ext, data) values (?, ?, ?, ?)
                on conflict (repository, pack, ext) do update set data = excluded.data, written_at = now()""").params(repository, pack, ext, data).update());
    }

    /**
     * The new packs listed and the replaced ones (compacted away) no longer listed, at once. A replaced pack's files
     * stay {@link #REPLACED_KEPT} for readers on other replicas that listed it before; older ones are deleted here.
     */
    void commitPacks(String repository, Collection<Pack> added, Collection<String> replaced) {
        own.executeWithoutResult(status -> {
            for (Pack pack : added) {
                jdbc.sql("insert into git_pack (repository, name, source, object_count) values (?, ?, ?, ?)")
                        .params(repository, pack.name(), pack.source(), pack.objectCount()).update();
            }
            for (String pack : replaced) {
                jdbc.sql("update git_pack set replaced_at = now() where repository = ? and name = ? and replaced_at is null")
                        .params(repository, pack).update();
            }
            deletePacks(repository, jdbc.sql("select name from git_pack where repository = ? and replaced_at < now() - cast(? as interval)")
                    .params(repository, REPLACED_KEPT).query(String.class).list());
            // files of packs never committed (a push refused after its pack arrived, a write that died)
            jdbc.sql("""
                    delete from git_pack_file f where f.repository = ? and f.written_at < now() - cast(? as interval)
                        and not exists (select 1 from git_pack p where p.repository = f.repository and p.name = f.pack)""")
                    .params(repository, UNCOMMITTED_KEPT).update();
        });
    }

    /** When garbage was last collected: the newest pack a collection wrote (none: never). */
    Optional<java.time.Instant> lastCollected(String repository) {
        return jdbc.sql("select max(created_at) from git_pack where repository = ? and source in ('GC', 'GC_REST')").param(repository)
                .query(java.sql.Timestamp.class).list().stream().filter(java.util.Objects::nonNull).findFirst().map(java.sql.Timestamp::toInstant);
    }

    /** Longer than any write takes from its first file to its commit. */
    static final String UNCOMMITTED_KEPT = "1 hour";

    static final String REPLACED_KEPT = "10 minutes";

    void deleteFiles(String repository, Collection<String> packs) {
        own.executeWithoutResult(status -> deletePacks(repository, packs));
    }

    private void deletePacks(String repository, Collection<String> packs) {
        for (String pack : packs) {
            jdbc.sql("delete from git_pack where repository = ? and name = ?").params(repository, pack).update();
            jdbc.sql("delete from git_pack_file where repository = ? and pack = ?").params(repository, pack).update();
        }
    }

    /** What changes whenever a pack is listed or replaced: instances compare it to know when to list packs again. */
    String packsVersion(String repository) {
        return jdbc.sql("""
                select count(*) || ':' || count(replaced_at) || ':' || coalesce(max(greatest(created_at, replaced_at))::text, '')
                from git_pack where repository = ?""").param(repository).query(String.class).single();
    }

    List<RefRow> refs(String repository) {
        return jdbc.sql("select name, object_id, symbolic_target from git_ref where repository = ?").param(repository)
                .query((rs, n) -> new RefRow(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Creates the ref if it does not exist; false when it does. */
    boolean insertRef(String repository, RefRow ref) {
        return Boolean.TRUE.equals(joined.execute(status -> jdbc.sql("""
                insert into git_ref (repository, name, object_id, symbolic_target) values (?, ?, ?, ?) on conflict do nothing""")
                .params(repository, ref.name(), ref.objectId(), ref.symbolicTarget()).update() == 1));
    }

    /** Replaces the ref only if it still is {@code expected}: the compare-and-swap every ref update is. */
    boolean replaceRef(String repository, RefRow expected, RefRow ref) {
        return Boolean.TRUE.equals(joined.execute(status -> jdbc.sql("""
                update git_ref set object_id = ?, symbolic_target = ?
                where repository = ? and name = ? and object_id is not distinct from ? and symbolic_target is not distinct from ?""")
                .params(ref.objectId(), ref.symbolicTarget(), repository, ref.name(), expected.objectId(), expected.symbolicTarget())
                .update() == 1));
    }

    boolean deleteRef(String repository, RefRow expected) {
        return Boolean.TRUE.equals(joined.execute(status -> jdbc.sql("""
                delete from git_ref where repository = ? and name = ? and object_id is not distinct from ?
                    and symbolic_target is not distinct from ?""")
                .params(repository, expected.name(), expected.objectId(), expected.symbolicTarget()).update() == 1));
    }
}
