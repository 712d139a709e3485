package io.chartroom.gitops.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who created each pushed branch. */
@Repository
public class BranchOwnerRepository {

    private final JdbcClient jdbc;

    public BranchOwnerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> owner(String ref) {
        return jdbc.sql("select owner from git_branch_owner where ref = ?").param(ref).query(String.class).optional();
    }

    public void created(String ref, String owner, Instant at) {
        jdbc.sql("insert into git_branch_owner (ref, owner, created_at) values (?, ?, ?) on conflict (ref) do update set owner = ?, created_at = ?")
                .params(ref, owner, Timestamp.from(at), owner, Timestamp.from(at)).update();
    }

    public void deleted(String ref) {
        jdbc.sql("delete from git_branch_owner where ref = ?").param(ref).update();
    }
}
