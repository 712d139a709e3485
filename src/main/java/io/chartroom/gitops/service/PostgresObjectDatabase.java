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
        long size = rows.fileSize(repository.name(), pack.getPackName(), ext.name())
                .orElseThrow(() -> new FileNotFoundException(pack.getFileName(ext)));
        return new RowChannel(rows, repository.name(), pack.getPackName(), ext.name(), size);
    }

    @Override
    protected DfsOutputStream writeFile(DfsPackDescription pack, PackExt ext) {
        return new DfsOutputStream() {
            private final Buffer buffer = new Buffer();
            private boolean stored;

            @Override
            public void write(byte[] bytes, int offset, int length) {
                buffer.write(bytes, offset, length);
            }

            @Override
            public int read(long position, ByteBuffer into) {
                return buffer.read(position, into);
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

    /** What a pack being written holds so far, read back without copying it (the pack parser reads while it resolves deltas). */
    private static final class Buffer extends ByteArrayOutputStream {
        synchronized int read(long position, ByteBuffer into) {
            int n = Math.min(into.remaining(), count - (int) position);
            if (n <= 0) {
                return -1;
            }
            into.put(buf, (int) position, n);
            return n;
        }
    }

    /**
     * A file read from its row a window at a time ({@link #WINDOW} or what the reader asks, if more), so that reading a
     * block of a large pack does not fetch all of it.
     */
    private static final class RowChannel implements ReadableChannel {
        static final int WINDOW = 1024 * 1024;

        private final GitRows rows;
        private final String repository;
        private final String pack;
        private final String ext;
        private final long size;
        private long position;
        private long windowStart = -1;
        private byte[] window = new byte[0];
        private int readAhead;
        private boolean open = true;

        RowChannel(GitRows rows, String repository, String pack, String ext, long size) {
            this.rows = rows;
            this.repository = repository;
            this.pack = pack;
            this.ext = ext;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer into) {
            if (position >= size) {
                return -1;
            }
            if (windowStart < 0 || position < windowStart || position >= windowStart + window.length) {
                int length = (int) Math.min(Math.max(Math.max(into.remaining(), readAhead), WINDOW), size - position);
                window = rows.fileRange(repository, pack, ext, position, length);
                windowStart = position;
                if (window.length == 0) {
                    return -1;
                }
            }
            int offset = (int) (position - windowStart);
            int n = Math.min(into.remaining(), window.length - offset);
            into.put(window, offset, n);
            position += n;
            return n;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void position(long to) {
            position = to;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int blockSize() {
            return 0;
        }

        @Override
        public void setReadAheadBytes(int bytes) {
            readAhead = bytes;
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
