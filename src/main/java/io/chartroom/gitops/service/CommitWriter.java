package io.chartroom.gitops.service;

import io.chartroom.gitops.domain.CommitAuthor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jspecify.annotations.Nullable;

/**
 * Writes commits into the GitOps repository's object database through an in-memory index (no work tree).
 * Authors are whoever made the change; the committer is always the portal. No ref moves here.
 */
final class CommitWriter {

    private final Repository repository;
    private final CommitAuthor committer;
    private final Clock clock;

    CommitWriter(Repository repository, CommitAuthor committer, Clock clock) {
        this.repository = repository;
        this.committer = committer;
        this.clock = clock;
    }

    String commit(@Nullable String parent, Map<String, @Nullable String> changes, CommitAuthor author, String message) {
        try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = repository.newObjectReader();
             RevWalk walk = new RevWalk(reader)) {
            DirCache index = DirCache.newInCore();
            RevCommit parentCommit = parent == null ? null : walk.parseCommit(ObjectId.fromString(parent));
            if (parentCommit != null) {
                DirCacheBuilder builder = index.builder();
                builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parentCommit.getTree());
                builder.finish();
            }
            DirCacheEditor editor = index.editor();
            for (var change : changes.entrySet()) {
                String text = change.getValue();
                if (text == null) {
                    editor.add(new DirCacheEditor.DeletePath(change.getKey()));
                } else {
                    ObjectId blob = inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
                    editor.add(new DirCacheEditor.PathEdit(change.getKey()) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(FileMode.REGULAR_FILE);
                            entry.setObjectId(blob);
                        }
                    });
                }
            }
            editor.finish();
            return insert(inserter, index.writeTree(inserter), parentCommit == null ? List.of() : List.of(parentCommit), author, message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a commit to the GitOps repository", e);
        }
    }

    String commitTree(String tree, List<String> parents, CommitAuthor author, String message) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            return insert(inserter, ObjectId.fromString(tree), parents.stream().map(ObjectId::fromString).toList(), author, message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a commit to the GitOps repository", e);
        }
    }

    private String insert(ObjectInserter inserter, ObjectId tree, List<? extends ObjectId> parents, CommitAuthor author,
                          String message) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(List.copyOf(parents));
        commit.setAuthor(ident(author));
        commit.setCommitter(ident(committer));
        commit.setMessage(message.endsWith("\n") ? message : message + "\n");
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        return id.name();
    }

    private PersonIdent ident(CommitAuthor author) {
        return new PersonIdent(author.name(), author.email(), clock.instant(), ZoneOffset.UTC);
    }
}
