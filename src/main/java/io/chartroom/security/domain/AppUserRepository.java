package io.chartroom.security.domain;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

@Repository
public class AppUserRepository {

    private final JdbcClient jdbc;

    public AppUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a login: creates the user or refreshes name, roles and teams. */
    public void recordLogin(UserIdentity identity, String email, String source, Instant at) {
        jdbc.sql("""
                insert into app_user (username, display_name, email, roles, teams, source, first_seen_at, last_login_at)
                values (:username, :displayName, :email, :roles, :teams, :source, :at, :at)
                on conflict (username) do update set display_name = excluded.display_name, email = excluded.email,
                    roles = excluded.roles, teams = excluded.teams, source = excluded.source, last_login_at = excluded.last_login_at
                """)
                .param("username", identity.username())
                .param("displayName", identity.displayName())
                .param("email", email)
                .param("roles", new SqlArrayValue("text", identity.roles().stream().map(Enum::name).sorted().toArray()))
                .param("teams", new SqlArrayValue("text", identity.teams().toArray()))
                .param("source", source)
                .param("at", Timestamp.from(at))
                .update();
    }

    public Optional<AppUser> find(String username) {
        return jdbc.sql("select * from app_user where username = ?").param(username).query(AppUserRepository::map).optional();
    }

    public List<AppUser> findAll() {
        return jdbc.sql("select * from app_user order by username").query(AppUserRepository::map).list();
    }

    static AppUser map(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        strings(rs.getArray("roles")).forEach(r -> roles.add(Role.valueOf(r)));
        return new AppUser(
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("email"),
                roles,
                strings(rs.getArray("teams")).collect(Collectors.toCollection(TreeSet::new)),
                rs.getString("source"),
                rs.getTimestamp("first_seen_at").toInstant(),
                Optional.ofNullable(rs.getTimestamp("last_login_at")).map(Timestamp::toInstant).orElse(null));
    }

    private static java.util.stream.Stream<String> strings(Array array) throws SQLException {
        return array == null ? java.util.stream.Stream.empty() : Arrays.stream((String[]) array.getArray());
    }
}
