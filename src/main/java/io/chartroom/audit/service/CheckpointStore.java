package io.chartroom.audit.service;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Where the audit checkpoint's text is kept, outside the database whose newest rows it vouches for: a file in the
 * data directory (one replica), or a ConfigMap that every replica shares (several replicas, no volume of their own).
 */
interface CheckpointStore {

    /** The stored text, or null when there is none. */
    @Nullable String read() throws IOException;

    /**
     * Stores {@code text} if what is stored is still {@code expected} (null: nothing stored); false when another
     * replica wrote meanwhile (read again, merge, retry).
     */
    boolean write(@Nullable String expected, String text) throws IOException;

    /** Where, for messages: a path, or the ConfigMap's namespace and name. */
    String where();

    /** Whether other replicas write here too (their heads are merged into this one's). */
    boolean shared();
}
