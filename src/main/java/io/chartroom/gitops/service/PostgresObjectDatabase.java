package io.chartroom.gitops.service;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase;
import org.eclipse.jgit.internal.storage.dfs.DfsOutputStream;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsReaderOptions;
import org.eclipse.jgit.internal.storage.dfs.ReadableChannel;
import org.eclipse.jgit.internal.storage.pack.PackExt;

/**
 * Packs as rows: a pack's files are written as they close, the pack is listed when JGit commits it (with the packs a
 * compaction replaces deleted in the same transaction), and files of a rolled-back pack are deleted.
 */
final class PostgresObjectDatabase extends DfsObjDatabase {

    private final PostgresGitRepository repository;
    private final GitRows rows;

    PostgresObjectDatabase(PostgresGitRepository repository, GitRows rows) {
        super(repository, new DfsReaderOptions());
        this.repository = repository;
        this.rows = rows;
    }

    /** Packs another replica committed are listed again at the next lookup (their refs changed). */
    void rescan() {
        clearCache();
    }

    @Override
    public long getApproximateObjectCount() {
        try {
            return java.util.Arrays.stream(getPackList().packs).mapToLong(p -> p.getPackDescription().getObjectCount()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    protected List<DfsPackDescription> listPacks() {
        List<DfsPackDescription> packs = new ArrayList<>();
        for (GitRows.Pack row : rows.packs(repository.name())) {
            DfsPackDescription pack = new DfsPackDescription(repository.getDescription(), row.name(), PackSource.valueOf(row.source()));
            for (Map.Entry<String, Long> file : row.fileSizes().entrySet()) {
                PackExt ext = PackExt.valueOf(file.getKey());
                pack.addFileExt(ext);
                pack.setFileSize(ext, file.getValue());
            }
            pack.setObjectCount(row.objectCount());
            pack.setLastModified(row.createdAtMillis());
            packs.add(pack);
        }
        return packs;
    }

    @Override
    protected DfsPackDescription newPack(PackSource source) {
        String name = "pack-" + UUID.randomUUID() + "-" + source.name();
        return new DfsPackDescription(repository.getDescription(), name, source);
    }

    @Override
    protected void commitPackImpl(Collection<DfsPackDescription> added, Collection<DfsPackDescription> replaced) {
        rows.commitPacks(repository.name(), added.stream().map(p -> new GitRows.Pack(p.getPackName(), p.getPackSource().name(),
                p.getObjectCount(), 0, Map.of())).toList(), replaced == null ? List.of() : replaced.stream().map(DfsPackDescription::getPackName).toList());
    }

    @Override
    protected void rollbackPack(Collection<DfsPackDescription> packs) {
        rows.deleteFiles(repository.name(), packs.stream().map(DfsPackDescription::getPackName).toList());
    }

    @Override
    protected ReadableChannel openFile(DfsPackDescription pack, PackExt ext) throws IOException {
        byte[] data = rows.file(repository.name(), pack.getPackName(), ext.name())
                .orElseThrow(() -> new FileNotFoundException(pack.getFileName(ext)));
        return new BytesChannel(data);
    }

    @Override
    protected DfsOutputStream writeFile(DfsPackDescription pack, PackExt ext) {
        return new DfsOutputStream() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            private boolean stored;

            @Override
            public void write(byte[] bytes, int offset, int length) {
                buffer.write(bytes, offset, length);
            }

            @Override
            public int read(long position, ByteBuffer into) {
                byte[] data = buffer.toByteArray();
                int n = Math.min(into.remaining(), data.length - (int) position);
                if (n <= 0) {
                    return -1;
                }
                into.put(data, (int) position, n);
                return n;
            }

            @Override
            public void close() {
                if (!stored) {
                    stored = true;
                    rows.putFile(repository.name(), pack.getPackName(), ext.name(), buffer.toByteArray());
                }
            }
        };
    }

    /** A file read whole from its row. */
    private static final class BytesChannel implements ReadableChannel {
        private final byte[] data;
        private int position;
        private boolean open = true;

        BytesChannel(byte[] data) {
            this.data = data;
        }

        @Override
        public int read(ByteBuffer into) {
            int n = Math.min(into.remaining(), data.length - position);
            if (n <= 0) {
                return -1;
            }
            into.put(data, position, n);
            position += n;
            return n;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void position(long to) {
            position = (int) to;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public int blockSize() {
            return 0;
        }

        @Override
        public void setReadAheadBytes(int bytes) {
            // read whole already
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
