package io.chartroom.changes.domain;

import io.chartroom.security.domain.Role;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Change requests, their approvals and their conversation. */
@Repository
public class ChangeRequestRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public ChangeRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new open change request; its branch is named after the id it gets (cr/&lt;id&gt;). */
    public ChangeRequest insert(String title, String description, ChangeKind kind, String release, String team, String author,
                                String baseCommit, String headCommit, List<String> environments, ChangeReview review,
                                Long revertsId, Instant at) {
        long id = jdbc.sql("""
                insert into change_request (title, description, state, kind, release_name, team, author, commit_authors, branch,
                    base_commit, head_commit, environments, review, reverts_id, created_at, updated_at)
                values (?, ?, 'OPEN', ?, ?, ?, ?, array[?], gen_random_uuid()::text, ?, ?, ?, ?::jsonb, ?, ?, ?) returning id""")
                .params(title, description, kind.name(), release, team, author, author, baseCommit, headCommit,
                        environments.toArray(String[]::new), JSON.writeValueAsString(review), revertsId, Timestamp.from(at), Timestamp.from(at))
                .query(Long.class).single();
        jdbc.sql("update change_request set branch = ? where id = ?").params("cr/" + id, id).update();
        return find(id).orElseThrow();
    }

    public Optional<ChangeRequest> find(long id) {
        return jdbc.sql("select * from change_request where id = ?").param(id).query(ChangeRequestRepository::map).optional();
    }

    /** The change request, locked until the transaction ends: merges and updates of one change request queue here. */
    public Optional<ChangeRequest> lock(long id) {
        return jdbc.sql("select * from change_request where id = ? for update").param(id).query(ChangeRequestRepository::map).optional();
    }

    /**
     * The review of a change request. Every reviewer's tab shares one parsed copy per version of it (a review holds
     * each rendered object's YAML: hundreds of KB for a large chart): only its digest is read when that copy is current.
     */
    public Optional<ChangeReview> review(long id) {
        Optional<String> digest = jdbc.sql("select md5(review::text) from change_request where id = ?").param(id).query(String.class).optional()
                .filter(d -> d != null);
        if (digest.isEmpty()) {
            return Optional.empty();
        }
        ParsedReview known = parsedReviews.get(id);
        if (known != null && known.digest().equals(digest.get())) {
            return Optional.of(known.review());
        }
        Optional<ChangeReview> review = jdbc.sql("select review::text from change_request where id = ?").param(id).query(String.class).optional()
                .filter(json -> json != null)
                .map(json -> JSON.readValue(json, ChangeReview.class));
        review.ifPresent(r -> parsedReviews.put(id, new ParsedReview(digest.get(), r)));
        return review;
    }

    private record ParsedReview(String digest, ChangeReview review) {
    }

    /** The reviews of the change requests looked at lately (an access-ordered LRU). */
    @SuppressWarnings("serial")
    private final java.util.Map<Long, ParsedReview> parsedReviews = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(32, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<Long, ParsedReview> eldest) {
                    return size() > 32;
                }
            });

    public List<ChangeRequest> query(ChangeRequestQuery q, int offset, int limit) {
        Where where = where(q);
        // merged ones newest merge first: an old change request merged today belongs at the top
        String order = q.state() == ChangeRequestState.MERGED ? " order by merged_at desc nulls last, id desc" : " order by id desc";
        return jdbc.sql("select * from change_request" + where.sql() + order + " offset ? limit ?")
                .params(where.params(offset, limit)).query(ChangeRequestRepository::map).list();
    }

    public int count(ChangeRequestQuery q) {
        Where where = where(q);
        return jdbc.sql("select count(*) from change_request" + where.sql()).params(where.params()).query(Integer.class).single();
    }

    private record Where(String sql, List<Object> values) {
        Object[] params(Object... more) {
            List<Object> all = new ArrayList<>(values);
            all.addAll(Arrays.asList(more));
            return all.toArray();
        }
    }

    private static Where where(ChangeRequestQuery q) {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (q.state() != null) {
            conditions.add("state = ?");
            values.add(q.state().name());
        }
        if (q.release() != null && !q.release().isBlank()) {
            conditions.add("release_name = ?");
            values.add(q.release().strip());
        }
        if (q.environment() != null && !q.environment().isBlank()) {
            conditions.add("environments @> array[?]::text[]");
            values.add(q.environment().strip());
        }
        if (q.author() != null && !q.author().isBlank()) {
            conditions.add("author = ?");
            values.add(q.author().strip());
        }
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), values);
    }

    /** Serializes merges across portal instances until the transaction ends. */
    public void lockMain() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('chartroom.gitops.main'))").query().listOfRows();
    }

    /** The open change request that creates a release of this name, if any. */
    public Optional<Long> openCreation(String release) {
        return jdbc.sql("select id from change_request where release_name = ? and state = 'OPEN' and kind = 'CREATE'")
                .param(release).query(Long.class).optional();
    }

    /**
     * A new head (a new commit, or an update from main) authored by {@code author}: the review is replaced, the
     * author joins the commit authors, the lock version is checked.
     */
    public boolean updateHead(ChangeRequest cr, String baseCommit, String headCommit, String author, List<String> environments,
                              ChangeReview review, String title, String description, Instant at) {
        return jdbc.sql("""
                update change_request set base_commit = ?, head_commit = ?, environments = ?, review = ?::jsonb, title = ?,
                    description = ?, updated_at = ?, lock_version = lock_version + 1,
                    commit_authors = case when ? = any(commit_authors) then commit_authors else array_append(commit_authors, ?) end
                where id = ? and lock_version = ?""")
                .params(baseCommit, headCommit, environments.toArray(String[]::new), JSON.writeValueAsString(review), title,
                        description, Timestamp.from(at), author, author, cr.id(), cr.lockVersion())
                .update() == 1;
    }

    public void markMerged(long id, String mergeCommit, MergeMethod method, String by, Instant at) {
        jdbc.sql("""
                update change_request set state = 'MERGED', merge_commit = ?, merge_method = ?, merged_by = ?, merged_at = ?,
                    updated_at = ?, lock_version = lock_version + 1 where id = ? and state = 'OPEN'""")
                .params(mergeCommit, method.name(), by, Timestamp.from(at), Timestamp.from(at), id).update();
    }

    public void markClosed(long id, String by, Instant at) {
        jdbc.sql("""
                update change_request set state = 'CLOSED', closed_by = ?, closed_at = ?, updated_at = ?,
                    lock_version = lock_version + 1 where id = ? and state = 'OPEN'""")
                .params(by, Timestamp.from(at), Timestamp.from(at), id).update();
    }

    public void markReopened(long id, Instant at) {
        jdbc.sql("""
                update change_request set state = 'OPEN', closed_by = null, closed_at = null, updated_at = ?,
                    lock_version = lock_version + 1 where id = ? and state = 'CLOSED'""")
                .params(Timestamp.from(at), id).update();
    }

    /** The change request that reverted this one, if any. */
    public Optional<Long> revertOf(long id) {
        return jdbc.sql("select id from change_request where reverts_id = ? and state <> 'CLOSED' order by id desc limit 1")
                .param(id).query(Long.class).optional();
    }

    // ---- approvals ----------------------------------------------------------------------------------

    public void approve(long changeRequestId, String approver, Set<Role> roles, Set<String> teams, String headCommit, Instant at) {
        jdbc.sql("""
                insert into change_request_approval (change_request_id, approver, approver_roles, approver_teams, head_commit, created_at)
                values (?, ?, ?, ?, ?, ?) on conflict (change_request_id, approver) where dismissed_at is null do nothing""")
                .params(changeRequestId, approver, roles.stream().map(Role::name).toArray(String[]::new),
                        teams.toArray(String[]::new), headCommit, Timestamp.from(at))
                .update();
    }

    public List<Approval> approvals(long changeRequestId) {
        return jdbc.sql("select * from change_request_approval where change_request_id = ? order by id")
                .param(changeRequestId).query(ChangeRequestRepository::mapApproval).list();
    }

    /** Dismisses the active approvals; returns who had approved. */
    public List<String> dismissApprovals(long changeRequestId, String reason, Instant at) {
        return jdbc.sql("""
                update change_request_approval set dismissed_at = ?, dismissed_reason = ?
                where change_request_id = ? and dismissed_at is null returning approver""")
                .params(Timestamp.from(at), reason, changeRequestId).query(String.class).list();
    }

    /** Dismisses one approver's approval (withdrawn on the Git host); whether there was one. */
    public boolean dismissApprovalOf(long changeRequestId, String approver, String reason, Instant at) {
        return jdbc.sql("update change_request_approval set dismissed_at = ?, dismissed_reason = ? "
                        + "where change_request_id = ? and approver = ? and dismissed_at is null")
                .params(Timestamp.from(at), reason, changeRequestId, approver).update() > 0;
    }

    // ---- conversation -------------------------------------------------------------------------------

    public void addActivity(long changeRequestId, Activity.Kind kind, String actor, String body, Instant at) {
        jdbc.sql("insert into change_request_activity (change_request_id, kind, actor, body, occurred_at) values (?, ?, ?, ?, ?)")
                .params(changeRequestId, kind.name(), actor, body == null ? "" : body, Timestamp.from(at)).update();
    }

    public List<Activity> activities(long changeRequestId) {
        return jdbc.sql("select * from change_request_activity where change_request_id = ? order by id")
                .param(changeRequestId)
                .query((rs, n) -> new Activity(rs.getLong("id"), rs.getLong("change_request_id"), Activity.Kind.valueOf(rs.getString("kind")),
                        rs.getString("actor"), rs.getString("body"), rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    // ---- mapping ------------------------------------------------------------------------------------

    static ChangeRequest map(ResultSet rs, int row) throws SQLException {
        return new ChangeRequest(rs.getLong("id"), rs.getString("title"), rs.getString("description"),
                ChangeRequestState.valueOf(rs.getString("state")), ChangeKind.valueOf(rs.getString("kind")),
                rs.getString("release_name"), rs.getString("team"), rs.getString("author"), strings(rs.getArray("commit_authors")),
                rs.getString("branch"),
                rs.getString("base_commit"), rs.getString("head_commit"), strings(rs.getArray("environments")),
                rs.getString("merge_commit"), rs.getString("merge_method") == null ? null : MergeMethod.valueOf(rs.getString("merge_method")),
                rs.getString("merged_by"), instant(rs.getTimestamp("merged_at")), rs.getString("closed_by"),
                instant(rs.getTimestamp("closed_at")), (Long) rs.getObject("reverts_id"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getInt("lock_version"));
    }

    static Approval mapApproval(ResultSet rs, int row) throws SQLException {
        return new Approval(rs.getLong("id"), rs.getLong("change_request_id"), rs.getString("approver"),
                new LinkedHashSet<>(strings(rs.getArray("approver_roles"))), new LinkedHashSet<>(strings(rs.getArray("approver_teams"))),
                rs.getString("head_commit"), rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("dismissed_at")),
                rs.getString("dismissed_reason"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
