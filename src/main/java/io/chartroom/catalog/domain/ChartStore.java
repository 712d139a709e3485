package io.chartroom.catalog.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Reads the catalog: search over charts, a chart's versions. */
@Repository
public class ChartStore {

    /** Semantic-version order, newest first. */
    static final String SEMVER_DESC = """
            v.semver_major desc nulls last, v.semver_minor desc nulls last, v.semver_patch desc nulls last,
            (v.semver_pre is null) desc, v.semver_pre desc, v.created desc nulls last""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;

    public ChartStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the catalog is filtered by; every part is optional. */
    public record Query(String text, Long repositoryId, String keyword) {
        public boolean hasText() {
            return text != null && !text.isBlank();
        }
    }

    /**
     * Charts matching the query, best match first: full-text over name, keywords and description (ranked,
     * with prefix matching as one types), plus any chart whose name contains the text.
     */
    public List<ChartSummary> search(Query q, int offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(q, params);
        params.put("offset", offset);
        params.put("limit", limit);
        String order = q.hasText() && tsQuery(q.text()) != null
                ? "(c.name = :raw) desc, ts_rank(c.search, to_tsquery('simple', :tsq)) desc, c.name, r.name"
                : "c.name, r.name";
        return jdbc.sql("select c.*, r.name as repository_name from chart c join chart_repository r on r.id = c.repository_id "
                        + where + " order by " + order + " offset :offset limit :limit")
                .params(params).query(ChartStore::mapSummary).list();
    }

    public int count(Query q) {
        Map<String, Object> params = new HashMap<>();
        String where = where(q, params);
        return jdbc.sql("select count(*) from chart c join chart_repository r on r.id = c.repository_id " + where)
                .params(params).query(Integer.class).single();
    }

    private static String where(Query q, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (q.hasText()) {
            String tsq = tsQuery(q.text());
            params.put("raw", q.text().strip().toLowerCase());
            params.put("like", "%" + q.text().strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            if (tsq != null) {
                params.put("tsq", tsq);
                conditions.add("(c.search @@ to_tsquery('simple', :tsq) or lower(c.name) like :like)");
            } else {
                conditions.add("lower(c.name) like :like");
            }
        }
        if (q.repositoryId() != null) {
            params.put("repositoryId", q.repositoryId());
            conditions.add("c.repository_id = :repositoryId");
        }
        if (q.keyword() != null && !q.keyword().isBlank()) {
            params.put("keyword", q.keyword());
            conditions.add("c.keywords @> array[cast(:keyword as text)]");
        }
        return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
    }

    /** Words of the search text as prefix terms joined by AND ("ngin ingr" finds nginx-ingress); null when none. */
    static String tsQuery(String text) {
        List<String> terms = new ArrayList<>();
        for (String word : text.toLowerCase().split("[^\\p{L}\\p{N}_]+")) {
            if (!word.isEmpty()) {
                terms.add(word + ":*");
            }
        }
        return terms.isEmpty() ? null : String.join(" & ", terms);
    }

    public Optional<ChartSummary> find(String repository, String chart) {
        return jdbc.sql("select c.*, r.name as repository_name from chart c join chart_repository r on r.id = c.repository_id "
                        + "where r.name = ? and c.name = ?")
                .params(repository, chart).query(ChartStore::mapSummary).optional();
    }

    public Optional<ChartSummary> find(long chartId) {
        return jdbc.sql("select c.*, r.name as repository_name from chart c join chart_repository r on r.id = c.repository_id "
                        + "where c.id = ?").param(chartId).query(ChartStore::mapSummary).optional();
    }

    /** A chart's versions, newest first in semantic-version order. */
    public List<ChartVersion> versions(long chartId) {
        return jdbc.sql("select v.*, c.name as chart_name from chart_version v join chart c on c.id = v.chart_id "
                        + "where v.chart_id = ? order by " + SEMVER_DESC)
                .param(chartId).query(ChartStore::mapVersion).list();
    }

    public Optional<ChartVersion> version(long chartId, String version) {
        return jdbc.sql("select v.*, c.name as chart_name from chart_version v join chart c on c.id = v.chart_id "
                        + "where v.chart_id = ? and v.version = ?")
                .params(chartId, version).query(ChartStore::mapVersion).optional();
    }

    public Optional<ChartVersion> version(long versionId) {
        return jdbc.sql("select v.*, c.name as chart_name from chart_version v join chart c on c.id = v.chart_id where v.id = ?")
                .param(versionId).query(ChartStore::mapVersion).optional();
    }

    /** The most used keywords, for the catalog's filter. */
    public List<String> topKeywords(int limit) {
        return jdbc.sql("select k from (select unnest(keywords) k from chart) t group by k order by count(*) desc, k limit ?")
                .param(limit).query(String.class).list();
    }

    static ChartSummary mapSummary(ResultSet rs, int row) throws SQLException {
        return new ChartSummary(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("repository_name"),
                rs.getString("name"), rs.getString("description"), rs.getString("home"), rs.getString("icon"),
                ChartRepositoryStore.strings(rs.getArray("keywords")), rs.getBoolean("deprecated"),
                rs.getString("latest_version"), rs.getString("latest_app_version"),
                ChartRepositoryStore.instant(rs.getTimestamp("latest_created")), rs.getInt("version_count"));
    }

    static ChartVersion mapVersion(ResultSet rs, int row) throws SQLException {
        return new ChartVersion(rs.getLong("id"), rs.getLong("chart_id"), rs.getString("chart_name"), rs.getString("version"),
                rs.getString("app_version"), rs.getString("description"),
                ChartRepositoryStore.instant(rs.getTimestamp("created")), rs.getString("digest"),
                ChartRepositoryStore.strings(rs.getArray("urls")), rs.getString("kube_version"),
                rs.getString("api_version"), rs.getBoolean("deprecated"),
                JSON.readValue(rs.getString("metadata"), VersionMetadata.class));
    }
}
