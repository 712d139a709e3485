package io.chartroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.catalog.domain.IndexEntry;
import io.chartroom.catalog.service.IndexFormatException;
import io.chartroom.catalog.service.IndexReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexReaderTest {

    static IndexReader.Result read(String yaml, List<IndexEntry> into) {
        return new IndexReader(100L * 1024 * 1024).read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "index.yaml", into::add, n -> { });
    }

    @Test
    void readsEntriesWithTheirMetadata() {
        List<IndexEntry> entries = new ArrayList<>();
        read("""
                apiVersion: v1
                generated: "2026-01-01T00:00:00Z"
                entries:
                  nginx:
                    - name: nginx
                      version: 1.2.3
                      appVersion: 1.27
                      digest: sha256:ABCDEF
                      urls: [nginx-1.2.3.tgz]
                      keywords: [web, proxy]
                      maintainers: [{name: Ann, email: ann@example.com}]
                      dependencies: [{name: common, version: ^2, repository: "@bitnami"}]
                """, entries);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.chart()).isEqualTo("nginx");
            assertThat(e.appVersion()).isEqualTo("1.27");
            assertThat(e.digest()).isEqualTo("abcdef");
            assertThat(e.keywords()).containsExactly("web", "proxy");
            assertThat(e.metadataJson()).contains("\"Ann\"").contains("@bitnami");
        });
    }

    @Test
    void scalarsStayAsWrittenWithoutTypeGuessing() {
        List<IndexEntry> entries = new ArrayList<>();
        read("entries:\n  x:\n    - {version: 1.10.0, appVersion: 1.10, description: 0x1F, urls: [x.tgz], deprecated: true}\n", entries);
        assertThat(entries.getFirst().appVersion()).isEqualTo("1.10");
        assertThat(entries.getFirst().description()).isEqualTo("0x1F");
        assertThat(entries.getFirst().deprecated()).isTrue();
    }

    @Test
    void malformedYamlFailsWithLineAndColumn() {
        assertThatThrownBy(() -> read("""
                apiVersion: v1
                entries:
                  nginx:
                    - name: nginx
                      version: [1.0.0
                      urls: [x.tgz]
                """, new ArrayList<>()))
                .isInstanceOf(IndexFormatException.class)
                .hasMessageMatching("index\\.yaml line [5-7], column \\d+: .*");
    }

    @Test
    void unusableEntriesAreSkippedAndNamed() {
        List<IndexEntry> entries = new ArrayList<>();
        IndexReader.Result result = read("""
                entries:
                  a:
                    - {version: 1.0.0, urls: [a-1.0.0.tgz]}
                    - {version: not-a-version, urls: [a.tgz]}
                    - {version: 2.0.0}
                  b: "oops"
                """, entries);
        assertThat(entries).extracting(IndexEntry::version).containsExactly("1.0.0");
        assertThat(result.errorCount()).isEqualTo(3);
        assertThat(result.errors()).anySatisfy(e -> assertThat(e).contains("entries.a[1]").contains("not a semantic version"))
                .anySatisfy(e -> assertThat(e).contains("entries.a[2]").contains("no download URL"))
                .anySatisfy(e -> assertThat(e).contains("entries.b is not a list"));
    }

    @Test
    void readsAnIndexLargerThanYamlsDefaultLimit() {
        StringBuilder yaml = new StringBuilder("entries:\n  big:\n");
        int n = 0;
        while (yaml.length() < 4 * 1024 * 1024) {
            yaml.append("    - {version: 1.0.").append(n++).append(", description: \"").append("d".repeat(200))
                    .append("\", urls: [big.tgz]}\n");
        }
        List<IndexEntry> entries = new ArrayList<>();
        assertThat(read(yaml.toString(), entries).entries()).isEqualTo(n);
        assertThat(entries).hasSize(n);
    }

    @Test
    void aDocumentThatIsNotAnIndexIsRefused() {
        assertThatThrownBy(() -> read("- just\n- a list\n", new ArrayList<>())).hasMessageContaining("not a Helm repository index");
        assertThatThrownBy(() -> read("apiVersion: v1\n", new ArrayList<>())).hasMessageContaining("no 'entries'");
    }
}
