package io.chartroom.gitops.service;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.internal.storage.dfs.DfsRefDatabase;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdRef;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.SymbolicRef;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.RefList;
import org.eclipse.jgit.util.RefMap;
import org.jspecify.annotations.Nullable;

/**
 * Refs as rows, each update a compare-and-swap in one statement, so that two replicas moving main from the same
 * commit cannot both succeed; an update joins the caller's database transaction ({@link GitRows}). Every lookup reads
 * the rows again (two small queries): a replica sees another's update at once, and a changed ref or pack list makes the
 * packs be listed again, so that objects another replica wrote are found.
 */
final class PostgresRefDatabase extends DfsRefDatabase {

    private final PostgresGitRepository repository;
    private final GitRows rows;
    private volatile List<GitRows.RefRow> lastScanned = List.of();
    private volatile String lastPacks = "";

    PostgresRefDatabase(PostgresGitRepository repository, GitRows rows) {
        super(repository);
        this.repository = repository;
        this.rows = rows;
    }

    @Override
    public @Nullable Ref exactRef(String name) {
        return scan().ids().get(name);
    }

    @Override
    public Map<String, Ref> getRefs(String prefix) {
        Scan scan = scan();
        RefList.Builder<Ref> symbolic = new RefList.Builder<>();
        RefList<Ref> ids = scan.ids();
        for (Ref ref : scan.symbolic()) {
            if (ref.getObjectId() != null) {
                symbolic.add(ref);
            } else {
                ids = ids.remove(ids.find(ref.getName())); // pointing nowhere: not listed, as JGit does
            }
        }
        return new RefMap(prefix, RefList.emptyList(), ids, symbolic.toRefList());
    }

    @Override
    public boolean isNameConflicting(String name) {
        RefList<Ref> ids = scan().ids();
        for (int slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
            if (ids.contains(name.substring(0, slash))) {
                return true;
            }
        }
        int at = -(ids.find(name + "/") + 1);
        return at < ids.size() && ids.get(at).getName().startsWith(name + "/");
    }

    @Override
    protected RefCache scanAllRefs() {
        Scan scan = scan();
        return new RefCache(scan.ids(), scan.symbolic());
    }

    /**
     * Refs as this thread's session sees them. Never kept in JGit's cache, which all threads share: a ref written in an
     * uncommitted transaction is seen by that transaction only, and one rolled back is gone at the next lookup.
     */
    private Scan scan() {
        List<GitRows.RefRow> stored = rows.refs(repository.name());
        Map<String, GitRows.RefRow> byName = new HashMap<>();
        stored.forEach(r -> byName.put(r.name(), r));
        RefList.Builder<Ref> ids = new RefList.Builder<>();
        RefList.Builder<Ref> symbolic = new RefList.Builder<>();
        for (GitRows.RefRow row : stored) {
            Ref ref = ref(row, byName, 0);
            ids.add(ref);
            if (ref.isSymbolic()) {
                symbolic.add(ref);
            }
        }
        ids.sort();
        symbolic.sort();
        String packs = rows.packsVersion(repository.name());
        if (!new java.util.HashSet<>(stored).equals(new java.util.HashSet<>(lastScanned)) || !packs.equals(lastPacks)) {
            // refs moved (maybe to objects in packs not listed here yet), or packs were added or compacted: list them again
            ((PostgresObjectDatabase) repository.getObjectDatabase()).rescan();
            lastScanned = List.copyOf(stored);
            lastPacks = packs;
        }
        return new Scan(ids.toRefList(), symbolic.toRefList());
    }

    private record Scan(RefList<Ref> ids, RefList<Ref> symbolic) {}

    private static Ref ref(GitRows.RefRow row, Map<String, GitRows.RefRow> byName, int depth) {
        if (row.symbolicTarget() == null) {
            return new ObjectIdRef.PeeledNonTag(Ref.Storage.PACKED, row.name(), ObjectId.fromString(row.objectId()));
        }
        GitRows.RefRow target = byName.get(row.symbolicTarget());
        Ref to = target == null || depth > 5 ? new ObjectIdRef.Unpeeled(Ref.Storage.NEW, row.symbolicTarget(), null) : ref(target, byName, depth + 1);
        return new SymbolicRef(row.name(), to);
    }

    @Override
    protected boolean compareAndPut(@Nullable Ref oldRef, Ref newRef) throws IOException {
        ObjectId id = newRef.isSymbolic() ? null : newRef.getObjectId();
        if (id != null) {
            try (RevWalk walk = new RevWalk(repository)) {
                walk.parseAny(id); // the object must be stored before a ref names it
            }
        }
        GitRows.RefRow row = row(newRef);
        if (oldRef == null || oldRef.getStorage() == Ref.Storage.NEW || (!oldRef.isSymbolic() && oldRef.getObjectId() == null)) {
            return rows.insertRef(repository.name(), row);
        }
        return rows.replaceRef(repository.name(), row(oldRef), row);
    }

    @Override
    protected boolean compareAndRemove(Ref oldRef) {
        return rows.deleteRef(repository.name(), row(oldRef));
    }

    /** Chartroom keeps no reflog: the audit log and the change requests say who moved what. */
    @Override
    public org.eclipse.jgit.lib.ReflogReader getReflogReader(Ref ref) {
        return new org.eclipse.jgit.lib.ReflogReader() {
            @Override
            public org.eclipse.jgit.lib.@Nullable ReflogEntry getLastEntry() {
                return null;
            }

            @Override
            public List<org.eclipse.jgit.lib.ReflogEntry> getReverseEntries() {
                return List.of();
            }

            @Override
            public org.eclipse.jgit.lib.@Nullable ReflogEntry getReverseEntry(int number) {
                return null;
            }

            @Override
            public List<org.eclipse.jgit.lib.ReflogEntry> getReverseEntries(int max) {
                return List.of();
            }
        };
    }

    private static GitRows.RefRow row(Ref ref) {
        return ref.isSymbolic() ? new GitRows.RefRow(ref.getName(), null, ref.getTarget().getName())
                : new GitRows.RefRow(ref.getName(), ref.getObjectId() == null ? null : ref.getObjectId().name(), null);
    }
}
