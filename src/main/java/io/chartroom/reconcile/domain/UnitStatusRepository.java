package io.chartroom.reconcile.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Unit status and history. Only the reconciler writes; views read. */
@Repository
public class UnitStatusRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<ObjectRef>> REFS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;

    public UnitStatusRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each cluster's kinds of applied objects, as {cluster, apiVersion, kind}, of the units that run there. */
    public List<List<String>> appliedKinds() {
        return jdbc.sql("""
                select distinct cluster, o->>'apiVersion' as api_version, o->>'kind' as kind
                from unit_status, jsonb_array_elements(inventory) o where sync in ('SYNCED', 'OUT_OF_SYNC')""")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    public List<UnitStatus> findAll() {
        return jdbc.sql("select * from unit_status").query(UnitStatusRepository::map).list();
    }

    public Optional<UnitStatus> find(UnitKey key) {
        return jdbc.sql("select * from unit_status where release_name = ? and environment = ? and cluster = ?")
                .params(key.release(), key.environment(), key.cluster()).query(UnitStatusRepository::map).optional();
    }

    public List<UnitStatus> byRelease(String release) {
        return jdbc.sql("select * from unit_status where release_name = ? order by environment, cluster").param(release)
                .query(UnitStatusRepository::map).list();
    }

    /** The units of these releases, by release, environment and cluster. */
    public List<UnitStatus> byReleases(java.util.Collection<String> releases) {
        if (releases.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from unit_status where release_name = any(?) order by release_name, environment, cluster")
                .param(releases.toArray(String[]::new)).query(UnitStatusRepository::map).list();
    }

    public List<UnitStatus> byCluster(String cluster) {
        return jdbc.sql("select * from unit_status where cluster = ? order by release_name, environment").param(cluster)
                .query(UnitStatusRepository::map).list();
    }

    /** Units that are not Synced and Healthy, worst first; rolling out (Progressing) or stopped on purpose (Suspended) is no problem. */
    public List<UnitStatus> problems() {
        return jdbc.sql("""
                select * from unit_status where sync <> 'SYNCED' or health not in ('HEALTHY', 'SUSPENDED', 'PROGRESSING')
                order by case sync when 'FAILED' then 0 when 'ORPHANED' then 1 when 'PRUNE_PENDING' then 1 when 'OUT_OF_SYNC' then 2
                    else 3 end, updated_at desc""")
                .query(UnitStatusRepository::map).list();
    }

    /** Synced units whose objects are still settling (a rollout in progress, or not looked at yet). */
    public List<UnitStatus> settling() {
        return jdbc.sql("select * from unit_status where sync = 'SYNCED' and health in ('PROGRESSING', 'UNKNOWN')")
                .query(UnitStatusRepository::map).list();
    }

    /** Failed units whose back-off has passed. */
    public List<UnitKey> dueRetries(Instant now) {
        return jdbc.sql("select release_name, environment, cluster from unit_status where sync = 'FAILED' and next_attempt_at <= ?")
                .param(Timestamp.from(now))
                .query((rs, n) -> new UnitKey(rs.getString("release_name"), rs.getString("environment"), rs.getString("cluster"))).list();
    }

    /** Before applying: the objects of the old and the new render together, so that a crash loses none. */
    public void beginApply(UnitKey key, List<ObjectRef> pending, Instant at) {
        jdbc.sql("""
                insert into unit_status (release_name, environment, cluster, sync, health, pending_inventory, updated_at)
                values (?, ?, ?, 'UNKNOWN', 'UNKNOWN', cast(? as jsonb), ?)
                on conflict (release_name, environment, cluster) do update set pending_inventory = excluded.pending_inventory,
                    updated_at = excluded.updated_at""")
                .params(key.release(), key.environment(), key.cluster(), JSON.writeValueAsString(pending), Timestamp.from(at)).update();
    }

    /**
     * An apply succeeded. A unit that is Progressing after it started Progressing now, unless the same inputs were
     * applied again (Sync now, a heal) while it was already Progressing: that starts no new rollout.
     */
    public void applied(UnitKey key, String revision, String inputHash, List<ObjectRef> inventory, HealthState health, String message,
                        Instant at) {
        Timestamp since = health == HealthState.PROGRESSING ? Timestamp.from(at) : null;
        jdbc.sql("""
                insert into unit_status (release_name, environment, cluster, revision, desired_hash, sync, health, message, inventory,
                    pending_inventory, drift, attempts, next_attempt_at, last_applied_at, updated_at, progressing_since)
                values (?, ?, ?, ?, ?, 'SYNCED', ?, ?, cast(? as jsonb), null, '[]', 0, null, ?, ?, ?)
                on conflict (release_name, environment, cluster) do update set revision = excluded.revision,
                    desired_hash = excluded.desired_hash, sync = 'SYNCED', health = excluded.health, message = excluded.message,
                    inventory = excluded.inventory, pending_inventory = null, drift = '[]', attempts = 0, next_attempt_at = null, failure_kind = null, failed_inputs = null,
                    last_applied_at = excluded.last_applied_at, updated_at = excluded.updated_at, removal_confirmed_by = null,
                    progressing_since = case when excluded.progressing_since is null then null
                        when unit_status.desired_hash = excluded.desired_hash and unit_status.progressing_since is not null
                        then unit_status.progressing_since else excluded.progressing_since end""")
                .params(key.release(), key.environment(), key.cluster(), revision, inputHash, health.name(), message,
                        JSON.writeValueAsString(inventory), Timestamp.from(at), Timestamp.from(at), since).update();
    }

    /** A failed attempt: the pending inventory stays (a later apply or prune still knows those objects). */
    /** {@code nextAttempt} null: not retried by the clock (a permanent failure); {@code inputs}: the fingerprint tried, if known. */
    public void failed(UnitKey key, String revision, String message, int attempts, Instant nextAttempt, FailureKind kind, String inputs,
                       Instant at) {
        jdbc.sql("""
                insert into unit_status (release_name, environment, cluster, revision, sync, health, message, attempts, next_attempt_at,
                    failure_kind, failed_inputs, updated_at)
                values (?, ?, ?, ?, 'FAILED', 'UNKNOWN', ?, ?, ?, ?, ?, ?)
                on conflict (release_name, environment, cluster) do update set sync = 'FAILED', message = excluded.message,
                    attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at, failure_kind = excluded.failure_kind,
                    failed_inputs = excluded.failed_inputs, updated_at = excluded.updated_at""")
                .params(key.release(), key.environment(), key.cluster(), revision, message, attempts,
                        nextAttempt == null ? null : Timestamp.from(nextAttempt), kind.name(), inputs, Timestamp.from(at)).update();
    }

    /** What a removal could not delete: the unit's inventory now (its confirmation, if any, stays). */
    public void remaining(UnitKey key, List<ObjectRef> inventory, Instant at) {
        jdbc.sql("""
                update unit_status set inventory = cast(? as jsonb), pending_inventory = null, updated_at = ?
                where release_name = ? and environment = ? and cluster = ?""")
                .params(JSON.writeValueAsString(inventory), Timestamp.from(at), key.release(), key.environment(), key.cluster()).update();
    }

    /** Holds a unit's objects on its cluster (ORPHANED or PRUNE_PENDING) with why, until an ADMIN confirms. */
    public void hold(UnitKey key, SyncState state, String message, Instant at) {
        jdbc.sql("update unit_status set sync = ?, message = ?, updated_at = ? where release_name = ? and environment = ? and cluster = ?")
                .params(state.name(), message, Timestamp.from(at), key.release(), key.environment(), key.cluster()).update();
    }

    /**
     * An apply that left objects it would prune on the cluster (too many at once): PRUNE_PENDING with why, and the
     * objects it may still have there as the pending inventory, until an ADMIN confirms.
     */
    public void holdPrune(UnitKey key, List<ObjectRef> pending, String message, Instant at) {
        jdbc.sql("""
                update unit_status set sync = 'PRUNE_PENDING', pending_inventory = cast(? as jsonb), message = ?, updated_at = ?
                where release_name = ? and environment = ? and cluster = ?""")
                .params(JSON.writeValueAsString(pending), message, Timestamp.from(at), key.release(), key.environment(), key.cluster()).update();
    }

    /** An ADMIN confirms the removal of the held units of a cluster (and of one release, if given); how many. */
    public int confirmRemoval(String cluster, String release, String admin, Instant at) {
        return jdbc.sql("""
                update unit_status set removal_confirmed_by = ?, updated_at = ? where cluster = ? and (cast(? as text) is null or release_name = ?)
                    and sync in ('ORPHANED', 'PRUNE_PENDING')""")
                .params(admin, Timestamp.from(at), cluster, release, release).update();
    }

    /** Health that could not be judged (the cluster did not answer): when the unit started Progressing is kept. */
    public void health(UnitKey key, HealthState health, String message, Instant at) {
        jdbc.sql("""
                update unit_status set health = ?, message = ?, updated_at = ?
                where release_name = ? and environment = ? and cluster = ? and sync <> 'FAILED'""")
                .params(health.name(), message, Timestamp.from(at), key.release(), key.environment(), key.cluster()).update();
    }

    /** Health as judged from the live objects, with when the unit started Progressing (null: it is not). */
    public void health(UnitKey key, HealthState health, String message, Instant progressingSince, Instant at) {
        jdbc.sql("""
                update unit_status set health = ?, message = ?, progressing_since = ?, updated_at = ?
                where release_name = ? and environment = ? and cluster = ? and sync <> 'FAILED'""")
                .params(health.name(), message, progressingSince == null ? null : Timestamp.from(progressingSince), Timestamp.from(at),
                        key.release(), key.environment(), key.cluster()).update();
    }

    /**
     * What a comparison with the cluster found, drift and health in one statement: a reader never sees the drift
     * without the health it caused (a deleted object: Out of sync and Missing together).
     */
    public void observed(UnitKey key, List<String> drift, HealthState health, String message, Instant progressingSince, Instant at) {
        jdbc.sql("""
                update unit_status set sync = case when ? then 'OUT_OF_SYNC' else 'SYNCED' end, drift = cast(? as jsonb),
                    health = ?, message = ?, progressing_since = ?, updated_at = ?
                where release_name = ? and environment = ? and cluster = ? and sync <> 'FAILED'""")
                .params(!drift.isEmpty(), JSON.writeValueAsString(drift), health.name(), message,
                        progressingSince == null ? null : Timestamp.from(progressingSince), Timestamp.from(at),
                        key.release(), key.environment(), key.cluster())
                .update();
    }

    /** main moved without changing this unit: it is in sync with the new revision too. */
    public void revision(UnitKey key, String revision, Instant at) {
        jdbc.sql("update unit_status set revision = ?, updated_at = ? where release_name = ? and environment = ? and cluster = ?")
                .params(revision, Timestamp.from(at), key.release(), key.environment(), key.cluster()).update();
    }

    /** Applied objects are gone (a simulated cluster restarted): apply again on the next pass. */
    public void forgetApplied(String cluster) {
        jdbc.sql("update unit_status set desired_hash = null where cluster = ?").param(cluster).update();
    }

    public void delete(UnitKey key) {
        jdbc.sql("delete from unit_status where release_name = ? and environment = ? and cluster = ?")
                .params(key.release(), key.environment(), key.cluster()).update();
    }

    public void history(UnitKey key, String revision, SyncState sync, HealthState health, String message, int applied, int pruned,
                        long millis, Instant at) {
        jdbc.sql("""
                insert into unit_history (release_name, environment, cluster, revision, sync, health, message, applied, pruned, millis, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(key.release(), key.environment(), key.cluster(), revision, sync.name(), health.name(), message, applied, pruned,
                        millis, Timestamp.from(at)).update();
    }

    public List<UnitHistoryEntry> history(String release, int limit) {
        return jdbc.sql("select * from unit_history where release_name = ? order by id desc limit ?").params(release, limit)
                .query((rs, n) -> new UnitHistoryEntry(rs.getLong("id"), new UnitKey(rs.getString("release_name"), rs.getString("environment"),
                        rs.getString("cluster")), rs.getString("revision"), SyncState.valueOf(rs.getString("sync")),
                        HealthState.valueOf(rs.getString("health")), rs.getString("message"), rs.getInt("applied"), rs.getInt("pruned"),
                        rs.getLong("millis"), rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    static UnitStatus map(ResultSet rs, int row) throws SQLException {
        String pending = rs.getString("pending_inventory");
        Timestamp next = rs.getTimestamp("next_attempt_at");
        Timestamp applied = rs.getTimestamp("last_applied_at");
        Timestamp progressingSince = rs.getTimestamp("progressing_since");
        return new UnitStatus(new UnitKey(rs.getString("release_name"), rs.getString("environment"), rs.getString("cluster")),
                rs.getString("revision"), rs.getString("desired_hash"), SyncState.valueOf(rs.getString("sync")),
                HealthState.valueOf(rs.getString("health")), rs.getString("message"), JSON.readValue(rs.getString("inventory"), REFS),
                pending == null ? null : JSON.readValue(pending, REFS), JSON.readValue(rs.getString("drift"), STRINGS), rs.getInt("attempts"),
                next == null ? null : next.toInstant(), applied == null ? null : applied.toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("removal_confirmed_by"), rs.getString("failure_kind") == null ? null : FailureKind.valueOf(rs.getString("failure_kind")),
                rs.getString("failed_inputs"), progressingSince == null ? null : progressingSince.toInstant());
    }
}
