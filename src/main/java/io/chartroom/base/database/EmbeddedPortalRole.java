package io.chartroom.base.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role the portal connects to its embedded PostgreSQL as: a login role that owns the portal's database and
 * every object in it, and nothing more. It is no superuser, so SQL run as the portal cannot read or write the
 * server's files (pg_read_file, COPY ... TO a file), among them the audit key in the data directory. Databases of
 * data directories from before the role existed belong to the postgres superuser: they are handed over at start
 * (postgres cannot give its objects away with REASSIGN OWNED, the system needs them: each is altered).
 */
final class EmbeddedPortalRole {

    static final String NAME = "chartroom";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPortalRole.class);

    /** The objects of a database's own schemas that another role owns, as the statements that hand each over. */
    private static final String NOT_YET_OURS = """
            with own as (select oid from pg_namespace where nspname <> 'information_schema' and nspname !~ '^pg_'),
                 portal as (select oid from pg_roles where rolname = ?)
            select format('alter schema %I owner to %I', n.nspname, ?), 0 from pg_namespace n
              where n.oid in (select oid from own) and n.nspowner <> (select oid from portal)
                and n.nspowner <> (select oid from pg_roles where rolname = 'pg_database_owner')
            union all
            select format('alter %s %I.%I owner to %I', case c.relkind when 'v' then 'view' when 'm' then 'materialized view'
                when 'f' then 'foreign table' else 'table' end, n.nspname, c.relname, ?), 1
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.oid in (select oid from own) and c.relkind in ('r', 'p', 'v', 'm', 'f') and c.relowner <> (select oid from portal)
            union all
            select format('alter %s %s owner to %I', case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate'
                else 'function' end, p.oid::regprocedure, ?), 2
              from pg_proc p where p.pronamespace in (select oid from own) and p.proowner <> (select oid from portal)
            union all
            select format('alter %s %s owner to %I', case t.typtype when 'd' then 'domain' else 'type' end, t.oid::regtype, ?), 3
              from pg_type t where t.typnamespace in (select oid from own) and t.typowner <> (select oid from portal)
                and t.typtype in ('d', 'e', 'r', 'c') and (t.typtype <> 'c' or (select relkind from pg_class where oid = t.typrelid) = 'c')
            order by 2
            """;

    /** Sequences left after the tables (a sequence a table owns follows the table, the others are altered). */
    private static final String SEQUENCES_NOT_YET_OURS = """
            select format('alter sequence %I.%I owner to %I', n.nspname, c.relname, ?)
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname <> 'information_schema' and n.nspname !~ '^pg_' and c.relkind = 'S'
                and c.relowner <> (select oid from pg_roles where rolname = ?)
            """;

    private EmbeddedPortalRole() {}

    /**
     * Creates the role, or sets it back to what it must be (a login without any special attribute, the password
     * of the password file, no right to the server's files). {@code superuser} is a connection as postgres.
     */
    static void ensure(Connection superuser, String password) throws SQLException {
        boolean exists;
        try (PreparedStatement query = superuser.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            query.setString(1, NAME);
            try (ResultSet rs = query.executeQuery()) {
                exists = rs.next();
            }
        }
        try (Statement s = superuser.createStatement()) {
            s.execute((exists ? "alter" : "create") + " role " + NAME + " with login nosuperuser nocreatedb nocreaterole noreplication "
                    + "nobypassrls password '" + password.replace("'", "''") + "'");
            for (String serverFiles : List.of("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program")) {
                if (memberOf(superuser, serverFiles)) {
                    s.execute("revoke " + serverFiles + " from " + NAME);
                }
            }
        }
        if (!exists) {
            log.info("Embedded PostgreSQL: created the login role {} that the portal connects as (no superuser)", NAME);
        }
    }

    /**
     * Hands a database and everything in its own schemas to the role; {@code superuserOnDatabase} is a connection
     * as postgres to that database. Does nothing when all is the role's already. Returns how many objects moved.
     */
    static int takeOver(Connection superuserOnDatabase, String database) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement owner = superuserOnDatabase.prepareStatement(
                "select pg_get_userbyid(datdba) from pg_database where datname = ?")) {
            owner.setString(1, database);
            try (ResultSet rs = owner.executeQuery()) {
                if (rs.next() && !NAME.equals(rs.getString(1))) {
                    statements.add("alter database \"" + database.replace("\"", "\"\"") + "\" owner to " + NAME);
                }
            }
        }
        statements.addAll(list(superuserOnDatabase, NOT_YET_OURS, 5));
        int moved = statements.size();
        boolean autoCommit = superuserOnDatabase.getAutoCommit();
        superuserOnDatabase.setAutoCommit(false);
        try (Statement s = superuserOnDatabase.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
            for (String statement : list(superuserOnDatabase, SEQUENCES_NOT_YET_OURS, 2)) {
                s.execute(statement);
                moved++;
            }
            superuserOnDatabase.commit(); // all or nothing: a half handed-over database would fail in odd places
        } catch (SQLException e) {
            superuserOnDatabase.rollback();
            throw e;
        } finally {
            superuserOnDatabase.setAutoCommit(autoCommit);
        }
        if (moved > 0) {
            log.info("Embedded PostgreSQL: database {} and {} objects in it now belong to {}", database, moved - 1, NAME);
        }
        return moved;
    }

    private static boolean memberOf(Connection c, String role) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("select pg_has_role(?, ?, 'member')")) {
            query.setString(1, NAME);
            query.setString(2, role);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The statements a query gives; each of its {@code parameters} placeholders takes the role's name. */
    private static List<String> list(Connection c, String sql, int parameters) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 1; i <= parameters; i++) {
                query.setString(i, NAME);
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
