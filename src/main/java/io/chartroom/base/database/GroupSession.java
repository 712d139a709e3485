package io.chartroom.base.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * One process's membership of a group, and the parts of the group's work it holds, as PostgreSQL advisory locks on one
 * session of its own: membership is a shared lock on the group, each part an exclusive lock. When the process dies or
 * loses the database, PostgreSQL ends the session and every lock with it at once: its parts are free for the others
 * with no lease to wait out and no clock to trust. Every member can see who belongs and who holds which part (the
 * holder's {@code application_name}). Not thread-safe: one owner calls it.
 */
public final class GroupSession implements AutoCloseable {

    /** Keeps these advisory locks apart from {@link SessionLock}'s and any other application's. */
    private static final int MEMBERS = 0x43524E;
    private static final int PARTS = 0x43524F;
    private static final int NAME_LIMIT = 63; // PostgreSQL's application_name

    private final DataSource dataSource;
    private final String group;
    private final String identity;
    private final Set<String> held = new HashSet<>();
    private Connection session;

    public GroupSession(DataSource dataSource, String group, String identity) {
        if (identity.length() > NAME_LIMIT) {
            throw new IllegalArgumentException("an identity of at most " + NAME_LIMIT + " characters: " + identity);
        }
        this.dataSource = dataSource;
        this.group = group;
        this.identity = identity;
    }

    /**
     * Joins the group, or confirms the session still lives; false when the database cannot be reached: then the
     * session is gone and so is every part it held ({@link #held()} is empty), and whoever worked on them must stop.
     */
    public boolean join() {
        try {
            if (session != null && !session.isValid(2)) {
                drop();
            }
            if (session == null) {
                session = OwnConnection.named(dataSource, identity);
                try (PreparedStatement join = session.prepareStatement("select pg_advisory_lock_shared(?, ?)")) {
                    join.setInt(1, MEMBERS);
                    join.setInt(2, key(group));
                    join.execute();
                }
                endEarlierSessions();
            }
            return true;
        } catch (SQLException e) {
            drop();
            return false;
        }
    }

    /**
     * A session of this identity from before (its connection broke on this side, but the server has not noticed yet)
     * would hold its parts until the server's TCP keepalive gives up: it is ended now, so that they are free.
     */
    private void endEarlierSessions() {
        try (PreparedStatement end = session.prepareStatement("""
                select pg_terminate_backend(l.pid) from pg_locks l join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'advisory' and l.classid = ? and l.objid = ? and l.objsubid = 2
                  and a.application_name = ? and l.pid <> pg_backend_pid()""")) {
            end.setLong(1, MEMBERS);
            end.setLong(2, Integer.toUnsignedLong(key(group)));
            end.setString(3, identity);
            end.execute();
        } catch (SQLException e) {
            // not allowed to end it: its parts stay held until the server ends it
        }
    }

    /**
     * The members of the group now (their identities, this one's included), sorted; asked on this member's own session,
     * so that a busy connection pool never looks like a lost membership.
     */
    public Set<String> members() throws SQLException {
        Set<String> members = new TreeSet<>();
        try (PreparedStatement q = joined().prepareStatement(LOCKS)) {
            q.setLong(1, MEMBERS);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) == Integer.toUnsignedLong(key(group)) && rs.getString(2) != null) {
                        members.add(rs.getString(2));
                    }
                }
            }
        }
        return members;
    }

    /** Who holds each of {@code parts} that anyone holds: part -> identity; asked on this member's own session. */
    public Map<String, String> holders(Collection<String> parts) throws SQLException {
        return holders(joined(), group, parts);
    }

    /** Who holds each of {@code parts} of {@code group}, for anyone who asks (a status page), on a pooled connection. */
    public static Map<String, String> holders(DataSource dataSource, String group, Collection<String> parts) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return holders(c, group, parts);
        }
    }

    private static Map<String, String> holders(Connection connection, String group, Collection<String> parts) throws SQLException {
        Map<Long, List<String>> byKey = new HashMap<>(); // two names whose keys collide share one lock
        parts.forEach(p -> byKey.computeIfAbsent(Integer.toUnsignedLong(key(group + "/" + p)), k -> new java.util.ArrayList<>()).add(p));
        Map<String, String> holders = new HashMap<>();
        try (PreparedStatement q = connection.prepareStatement(LOCKS)) {
            q.setLong(1, PARTS);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String holder = rs.getString(2);
                    if (holder != null) {
                        byKey.getOrDefault(rs.getLong(1), List.of()).forEach(part -> holders.put(part, holder));
                    }
                }
            }
        }
        return holders;
    }

    /** Takes a part if no other member holds it (true also when this one already does). */
    public boolean take(String part) throws SQLException {
        if (held.contains(part)) {
            return true;
        }
        try (PreparedStatement lock = joined().prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, PARTS);
            lock.setInt(2, key(group + "/" + part));
            try (ResultSet rs = lock.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    held.add(part);
                    return true;
                }
                return false;
            }
        }
    }

    /** Lets go of a part, for another member to take. */
    public void release(String part) throws SQLException {
        if (!held.remove(part)) {
            return;
        }
        try (PreparedStatement unlock = joined().prepareStatement("select pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, PARTS);
            unlock.setInt(2, key(group + "/" + part));
            unlock.execute();
        }
    }

    /** The parts this session holds. */
    public Set<String> held() {
        return Set.copyOf(held);
    }

    public String identity() {
        return identity;
    }

    /** Leaves the group: every part is free at once. */
    @Override
    public void close() {
        drop();
    }

    private Connection joined() throws SQLException {
        if (session == null) {
            throw new SQLException("not joined to " + group);
        }
        return session;
    }

    private void drop() {
        held.clear();
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // already broken
            }
            session = null;
        }
    }

    private static final String LOCKS = """
            select l.objid, a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and l.classid = ? and l.objsubid = 2
              and l.database = (select oid from pg_database where datname = current_database())""";

    /** 32 bits of the name: two names that collide share one lock (their parts go to one member), never more. */
    private static int key(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
