package io.chartroom.base.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * A PostgreSQL session-level advisory lock, held on a connection of its own for as long as that session lives:
 * when the holder's process dies or loses the database, PostgreSQL ends the session and the lock is free at once,
 * with no lease to expire and no clock to trust. The holder's name is the session's {@code application_name}, so
 * anyone can see who holds it. Not thread-safe: one owner calls it.
 */
public final class SessionLock implements AutoCloseable {

    /** Keeps Chartroom's advisory locks apart from any other application's in the same database. */
    private static final int NAMESPACE = 0x43524D; // "CRM"

    private final DataSource dataSource;
    private final String name;
    private final String holder;
    private final int key;
    private Connection session;
    private boolean held;

    public SessionLock(DataSource dataSource, String name, String holder) {
        this.dataSource = dataSource;
        this.name = name;
        this.holder = holder;
        this.key = key(name);
    }

    /**
     * Takes the lock if it is free, or confirms this session still holds it; false when another session holds it or
     * the database cannot be reached (then this session's lock is gone too: whoever acted on it must stop).
     */
    public boolean tryHold() {
        try {
            if (session != null && !session.isValid(2)) {
                drop(); // the session ended (the database restarted, the connection broke): so did the lock
            }
            if (session == null) {
                session = OwnConnection.named(dataSource, holder);
            }
            if (!held) {
                try (PreparedStatement lock = session.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                    lock.setInt(1, NAMESPACE);
                    lock.setInt(2, key);
                    try (ResultSet rs = lock.executeQuery()) {
                        held = rs.next() && rs.getBoolean(1);
                    }
                }
            }
            return held;
        } catch (SQLException e) {
            drop();
            return false;
        }
    }

    /** Lets go of the lock and its session. */
    @Override
    public void close() {
        if (held && session != null) {
            try (PreparedStatement unlock = session.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                unlock.setQueryTimeout(2); // at shutdown the database may be going away too
                unlock.setInt(1, NAMESPACE);
                unlock.setInt(2, key);
                unlock.execute();
            } catch (SQLException ignored) {
                // closing the session below frees it anyway
            }
        }
        drop();
    }

    /** Who holds the lock now (their {@code application_name}), as any session of the database sees it. */
    public static Optional<String> holder(DataSource dataSource, String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
                     where l.locktype = 'advisory' and l.granted and l.classid = ? and l.objid = ? and l.objsubid = 2
                       and l.database = (select oid from pg_database where datname = current_database())""")) {
            q.setLong(1, NAMESPACE);
            q.setLong(2, Integer.toUnsignedLong(key(name)));
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    public String name() {
        return name;
    }

    private void drop() {
        held = false;
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // already broken
            }
            session = null;
        }
    }

    private static int key(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
