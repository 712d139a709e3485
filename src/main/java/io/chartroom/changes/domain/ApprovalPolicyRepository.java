package io.chartroom.changes.domain;

import io.chartroom.security.domain.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The approval policies the database kept before environments.yaml held them (read only, never written again):
 * they apply to environments whose entry in the file does not say, until the change request that carries them
 * into the file merges.
 */
@Repository
public class ApprovalPolicyRepository {

    private final JdbcClient jdbc;

    public ApprovalPolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ApprovalPolicy> findAll() {
        return jdbc.sql("select * from approval_policy order by environment").query(ApprovalPolicyRepository::map).list();
    }

    static ApprovalPolicy map(ResultSet rs, int row) throws SQLException {
        return new ApprovalPolicy(rs.getString("environment"), rs.getInt("required_approvals"), Role.valueOf(rs.getString("approver_role")),
                rs.getString("approver_team"), rs.getBoolean("require_admin"), ApprovalPolicy.Source.DATABASE);
    }
}
