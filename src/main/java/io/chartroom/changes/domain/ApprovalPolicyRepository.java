package io.chartroom.changes.domain;

import io.chartroom.security.domain.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Approval policies per environment; an environment without a row has the default policy. */
@Repository
public class ApprovalPolicyRepository {

    private final JdbcClient jdbc;

    public ApprovalPolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ApprovalPolicy> findAll() {
        return jdbc.sql("select * from approval_policy order by environment").query(ApprovalPolicyRepository::map).list();
    }

    public Optional<ApprovalPolicy> find(String environment) {
        return jdbc.sql("select * from approval_policy where environment = ?").param(environment).query(ApprovalPolicyRepository::map).optional();
    }

    public void save(ApprovalPolicy p) {
        jdbc.sql("""
                insert into approval_policy (environment, required_approvals, approver_role, approver_team, require_admin, updated_at, updated_by)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (environment) do update set required_approvals = excluded.required_approvals,
                    approver_role = excluded.approver_role, approver_team = excluded.approver_team,
                    require_admin = excluded.require_admin, updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(p.environment(), p.requiredApprovals(), p.approverRole().name(), p.approverTeam(), p.requireAdmin(),
                        Timestamp.from(p.updatedAt()), p.updatedBy())
                .update();
    }

    static ApprovalPolicy map(ResultSet rs, int row) throws SQLException {
        return new ApprovalPolicy(rs.getString("environment"), rs.getInt("required_approvals"), Role.valueOf(rs.getString("approver_role")),
                rs.getString("approver_team"), rs.getBoolean("require_admin"), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }
}
