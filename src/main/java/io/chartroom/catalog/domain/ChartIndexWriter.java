package io.chartroom.catalog.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a whole repository index into the catalog in one transaction: entries stream into a temporary
 * table with COPY (no list of 20,000 versions in memory, only a small record per chart), then a few set-based
 * statements add, update (only where the entry changed) and remove versions and charts.
 */
@Repository
public class ChartIndexWriter {

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    public ChartIndexWriter(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /**
     * Starts staging; must run inside a transaction, which the merge's changes join. The transaction commits
     * without waiting for its WAL to reach the disk: the catalog is a copy of the repository, and a sync lost in a
     * database crash (the index digest is lost with it) is simply done again.
     */
    public Staging begin() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("staging an index needs a transaction");
        }
        jdbc.sql("set local synchronous_commit = off").update();
        // the merge sorts every staged row once; in memory, not in temporary files
        jdbc.sql("set local work_mem = '64MB'").update();
        jdbc.sql("""
                create temporary table staged_version (
                    chart_name text not null, version text not null, app_version text, description text,
                    created timestamptz, digest text, urls text[] not null, kube_version text, api_version text,
                    deprecated boolean not null, home text, icon text, keywords text[] not null, metadata text not null,
                    entry_hash text not null, semver_major integer, semver_minor integer, semver_patch integer,
                    semver_pre text) on commit drop""").update();
        jdbc.sql("""
                create temporary table staged_chart (
                    chart_name text not null, description text, home text, icon text, keywords text[] not null,
                    deprecated boolean not null, latest_version text not null, latest_app_version text,
                    latest_created timestamptz, version_count integer not null) on commit drop""").update();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy staged_version from stdin with (format csv)");
            return new Staging(connection, copy);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start staging: " + e.getMessage(), e);
        }
    }

    /**
     * Entries of one sync, on their way into the catalog. Versions stream into a temporary table; what the
     * catalog keeps per chart (newest version, count) is gathered on the way, so the merge sorts nothing.
     * Close it: an unfinished COPY is cancelled.
     */
    public final class Staging implements AutoCloseable {
        private final Connection connection;
        private final CopyIn copy;
        private final StringBuilder line = new StringBuilder(2048);
        private final Map<String, ChartNewest> charts = new HashMap<>();
        private final Set<String> seen = new HashSet<>();
        private int count;
        private int duplicates;

        private Staging(Connection connection, CopyIn copy) {
            this.connection = connection;
            this.copy = copy;
        }

        /** Stages one entry; a second entry for the same chart version is dropped (and counted). */
        public void add(IndexEntry e) {
            if (!seen.add(e.chart() + '\u0000' + e.version())) {
                duplicates++;
                return;
            }
            charts.compute(e.chart(), (name, known) -> known == null ? new ChartNewest(e, 1) : known.with(e));
            IndexEntry.SemverParts semver = e.semver();
            line.setLength(0);
            field(e.chart()).field(e.version()).field(e.appVersion()).field(e.description())
                    .field(e.created() == null ? null : e.created().toString()).field(e.digest())
                    .field(arrayLiteral(e.urls())).field(e.kubeVersion()).field(e.apiVersion())
                    .field(String.valueOf(e.deprecated())).field(e.home()).field(e.icon())
                    .field(arrayLiteral(e.keywords())).field(e.metadataJson()).field(e.entryHash())
                    .field(semver == null ? null : String.valueOf(semver.major()))
                    .field(semver == null ? null : String.valueOf(semver.minor()))
                    .field(semver == null ? null : String.valueOf(semver.patch()))
                    .field(semver == null ? null : semver.prerelease());
            line.setCharAt(line.length() - 1, '\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException ex) {
                throw new IllegalStateException("staging " + e.chart() + " " + e.version() + " failed: " + ex.getMessage(), ex);
            }
            count++;
        }

        public int count() {
            return count;
        }

        /** Entries dropped because their chart version was already staged. */
        public int duplicates() {
            return duplicates;
        }

        /** Cancels the COPY if it is still open (reading failed half-way), so that the transaction can roll back. */
        @Override
        public void close() {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the transaction rolls back anyway
                }
            }
        }

        /** Applies the staged index to the repository's charts; entries whose hash did not change are not written. */
        public MergeCounts merge(long repositoryId) {
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("staging failed: " + e.getMessage(), e);
            }
            stageCharts();
            Map<String, Object> repo = Map.of("repo", repositoryId);
            int chartsAdded = jdbc.sql("""
                    with upserted as (
                        insert into chart (repository_id, name, description, home, icon, keywords, deprecated,
                            latest_version, latest_app_version, latest_created, version_count, search)
                        select :repo, chart_name, description, home, icon, keywords, deprecated, latest_version,
                               latest_app_version, latest_created, version_count,
                               setweight(to_tsvector('simple', chart_name), 'A')
                               || setweight(to_tsvector('simple', array_to_string(keywords, ' ')), 'B')
                               || setweight(to_tsvector('simple', coalesce(description, '')), 'C')
                        from staged_chart
                        on conflict (repository_id, name) do update set description = excluded.description,
                            home = excluded.home, icon = excluded.icon, keywords = excluded.keywords,
                            deprecated = excluded.deprecated, latest_version = excluded.latest_version,
                            latest_app_version = excluded.latest_app_version, latest_created = excluded.latest_created,
                            version_count = excluded.version_count, search = excluded.search
                        where (chart.description, chart.home, chart.icon, chart.keywords, chart.deprecated, chart.latest_version,
                               chart.latest_app_version, chart.latest_created, chart.version_count)
                              is distinct from (excluded.description, excluded.home, excluded.icon, excluded.keywords,
                               excluded.deprecated, excluded.latest_version, excluded.latest_app_version,
                               excluded.latest_created, excluded.version_count)
                        returning (xmax = 0) as inserted)
                    select count(*) filter (where inserted) from upserted""")
                    .params(repo).query(Integer.class).single();
            int versionsRemoved = jdbc.sql("""
                    delete from chart_version v using chart c
                    where v.chart_id = c.id and c.repository_id = :repo
                      and not exists (select 1 from staged_version s where s.chart_name = c.name and s.version = v.version)""")
                    .params(repo).update();
            int chartsRemoved = jdbc.sql("""
                    delete from chart c where c.repository_id = :repo
                      and not exists (select 1 from staged_chart s where s.chart_name = c.name)""").params(repo).update();
            Map<String, Object> versions = jdbc.sql("""
                    with upserted as (
                        insert into chart_version (chart_id, version, app_version, description, created, digest, urls,
                            kube_version, api_version, deprecated, semver_major, semver_minor, semver_patch, semver_pre,
                            metadata, entry_hash)
                        select c.id, s.version, s.app_version, s.description, s.created, s.digest, s.urls, s.kube_version,
                            s.api_version, s.deprecated, s.semver_major, s.semver_minor, s.semver_patch, s.semver_pre,
                            s.metadata, s.entry_hash
                        from staged_version s join chart c on c.repository_id = :repo and c.name = s.chart_name
                        on conflict (chart_id, version) do update set app_version = excluded.app_version,
                            description = excluded.description, created = excluded.created, digest = excluded.digest,
                            urls = excluded.urls, kube_version = excluded.kube_version, api_version = excluded.api_version,
                            deprecated = excluded.deprecated, metadata = excluded.metadata, entry_hash = excluded.entry_hash
                        where chart_version.entry_hash <> excluded.entry_hash
                        returning (xmax = 0) as inserted)
                    select count(*) filter (where inserted) as added, count(*) filter (where not inserted) as updated
                    from upserted""").params(repo).query().singleRow();
            return new MergeCounts(chartsAdded, chartsRemoved, ((Number) versions.get("added")).intValue(),
                    ((Number) versions.get("updated")).intValue(), versionsRemoved);
        }

        /** Writes what was gathered per chart into staged_chart. */
        private void stageCharts() {
            try {
                CopyIn chartCopy = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy staged_chart from stdin with (format csv)");
                for (var chart : charts.entrySet()) {
                    IndexEntry e = chart.getValue().entry();
                    line.setLength(0);
                    field(chart.getKey()).field(e.description()).field(e.home()).field(e.icon())
                            .field(arrayLiteral(e.keywords())).field(String.valueOf(e.deprecated())).field(e.version())
                            .field(e.appVersion()).field(e.created() == null ? null : e.created().toString())
                            .field(String.valueOf(chart.getValue().versions()));
                    line.setCharAt(line.length() - 1, '\n');
                    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                    chartCopy.writeToCopy(bytes, 0, bytes.length);
                }
                chartCopy.endCopy();
            } catch (SQLException ex) {
                throw new IllegalStateException("staging the charts failed: " + ex.getMessage(), ex);
            }
        }

        /** One CSV field: quoted, with quotes doubled; nothing for null. */
        private Staging field(String value) {
            if (value != null) {
                line.append('"');
                int from = 0;
                for (int quote; (quote = value.indexOf('"', from)) >= 0; from = quote + 1) {
                    line.append(value, from, quote + 1).append('"');
                }
                line.append(value, from, value.length()).append('"');
            }
            line.append(',');
            return this;
        }
    }

    /**
     * A chart's newest version so far and how many versions it has. Newest as the catalog shows a chart: the
     * highest stable version, or the highest prerelease when there is no stable one; ties by creation time.
     */
    record ChartNewest(IndexEntry entry, int versions) {
        ChartNewest with(IndexEntry other) {
            return new ChartNewest(NEWEST.compare(other, entry) < 0 ? other : entry, versions + 1);
        }
    }

    /** Orders entries newest first: stable before prerelease, then by version, then by creation time. */
    static final Comparator<IndexEntry> NEWEST = Comparator
            .comparing((IndexEntry e) -> e.semver().prerelease() != null)
            .thenComparing(e -> e.semver().major(), Comparator.reverseOrder())
            .thenComparing(e -> e.semver().minor(), Comparator.reverseOrder())
            .thenComparing(e -> e.semver().patch(), Comparator.reverseOrder())
            .thenComparing(e -> e.semver().prerelease(), Comparator.nullsFirst(Comparator.<String>reverseOrder()))
            .thenComparing(IndexEntry::created, Comparator.nullsLast(Comparator.<Instant>reverseOrder()));

    /** A PostgreSQL text[] literal: {"a","b"} with quotes and backslashes escaped. */
    static String arrayLiteral(List<String> values) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"');
            String v = values.get(i) == null ? "" : values.get(i);
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }

}
