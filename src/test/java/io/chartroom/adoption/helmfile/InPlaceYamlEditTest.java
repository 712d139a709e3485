package io.chartroom.adoption.helmfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.base.error.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team's values file edited in place: one value, one line; every other byte kept; what cannot be done so, refused where. */
class InPlaceYamlEditTest {

    private static final String FILE = """
            # values for production (owned by the shop team)
            defaults: &defaults
              pullPolicy: IfNotPresent   # keep the node's copy
              registry: "registry.example.com"

            image:
              <<: *defaults
              repository: 'shop/web'
              tag: 1.4.2 # pinned, see RELEASES.md
            replicaCount: 3
            resources:
                limits:
                    cpu: 500m
            ingress:
              enabled: false
              hosts: [web.example.com]
            tolerations:
            motd: |
              Welcome
            """;

    @Test
    void aChangedValueChangesOneLineAndKeepsItsComment() {
        InPlaceYamlEdit.Edited edited = InPlaceYamlEdit.set("values/prod.yaml", FILE, List.of("image", "tag"), "1.5.0");
        assertThat(changedLines(FILE, edited.text())).containsExactly("-  tag: 1.4.2 # pinned, see RELEASES.md", "+  tag: 1.5.0 # pinned, see RELEASES.md");
        assertThat(edited.line()).isEqualTo(9);

        assertThat(changedLines(FILE, InPlaceYamlEdit.set("f", FILE, List.of("replicaCount"), 5L).text()))
                .containsExactly("-replicaCount: 3", "+replicaCount: 5");
        assertThat(changedLines(FILE, InPlaceYamlEdit.set("f", FILE, List.of("ingress", "enabled"), true).text()))
                .containsExactly("-  enabled: false", "+  enabled: true");
        assertThat(changedLines(FILE, InPlaceYamlEdit.set("f", FILE, List.of("replicaCount"), 0.25).text()))
                .containsExactly("-replicaCount: 3", "+replicaCount: 0.25");
        assertThat(changedLines(FILE, InPlaceYamlEdit.set("f", FILE, List.of("replicaCount"), 1e20).text()))
                .containsExactly("-replicaCount: 3", "+replicaCount: 1.0E20");
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f", FILE, List.of("replicaCount"), java.util.Map.of("secret", "x")))
                .hasMessageContaining("not a mapping").hasMessageNotContaining("secret");
    }

    @Test
    void quotingFollowsTheFileAndWhatHelmWouldReadOtherwise() {
        assertThat(changedLines(FILE, InPlaceYamlEdit.set("f", FILE, List.of("image", "repository"), "shop/api").text()))
                .containsExactly("-  repository: 'shop/web'", "+  repository: 'shop/api'");
        // YAML 1.1, as Helm reads it: "on" and "1.10" would no longer be text if written plain
        assertThat(changedLines(FILE, InPlaceYamlEdit.set("f", FILE, List.of("image", "tag"), "1.10").text()))
                .containsExactly("-  tag: 1.4.2 # pinned, see RELEASES.md", "+  tag: \"1.10\" # pinned, see RELEASES.md");
        assertThat(changedLines(FILE, InPlaceYamlEdit.set("f", FILE, List.of("replicaCount"), "on").text()))
                .containsExactly("-replicaCount: 3", "+replicaCount: \"on\"");
    }

    @Test
    void aNewValueGoesAtTheEndOfTheDeepestMappingTheFileHasIndentedAsTheFileIs() {
        InPlaceYamlEdit.Edited memory = InPlaceYamlEdit.set("f", FILE, List.of("resources", "limits", "memory"), "256Mi");
        assertThat(changedLines(FILE, memory.text())).containsExactly("+        memory: 256Mi");
        assertThat(memory.text()).contains("        cpu: 500m\n        memory: 256Mi\ningress:");
        assertThat(memory.line()).isEqualTo(14);

        InPlaceYamlEdit.Edited requests = InPlaceYamlEdit.set("f", FILE, List.of("resources", "requests", "cpu"), "100m");
        assertThat(requests.text()).contains("        cpu: 500m\n    requests:\n        cpu: 100m\ningress:");

        InPlaceYamlEdit.Edited top = InPlaceYamlEdit.set("f", "a: 1", List.of("b", "c"), "x");
        assertThat(top.text()).isEqualTo("a: 1\nb:\n  c: x\n");
        assertThat(top.line()).isEqualTo(2);
        assertThat(InPlaceYamlEdit.set("f", "# nothing yet\n", List.of("a"), 1L).text()).isEqualTo("# nothing yet\na: 1\n");
        assertThat(InPlaceYamlEdit.set("f", FILE, List.of("tolerations", "key"), "gpu").text())
                .contains("tolerations:\n  key: gpu\nmotd: |");
        assertThat(changedLines(FILE, InPlaceYamlEdit.set("f", FILE, List.of("tolerations"), "none").text()))
                .containsExactly("-tolerations:", "+tolerations: none");
    }

    @Test
    void aValueAMergeKeyBringsInIsOverriddenHereNotInTheAnchor() {
        String edited = InPlaceYamlEdit.set("f", FILE, List.of("image", "pullPolicy"), "Always").text();
        assertThat(changedLines(FILE, edited)).containsExactly("+  pullPolicy: Always");
        assertThat(edited).contains("  pullPolicy: IfNotPresent   # keep the node's copy");

        String nested = "base: &base\n  probe:\n    path: /\nweb:\n  <<: *base\n";
        assertThatThrownBy(() -> InPlaceYamlEdit.set("values/web.yaml", nested, List.of("web", "probe", "path"), "/healthz"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("values/web.yaml:5").hasMessageContaining("web.probe comes from a merge key");
    }

    @Test
    void aliasesAnchorsBlockScalarsAndFlowMappingsAreRefusedWithTheirLine() {
        String aliased = "version: &v 1.2.0\nweb:\n  tag: *v\n";
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", aliased, List.of("web", "tag"), "2.0.0"))
                .hasMessageContaining("f.yaml:3").hasMessageContaining("alias of an anchor");
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", aliased, List.of("version"), "2.0.0"))
                .hasMessageContaining("f.yaml:1").hasMessageContaining("anchor &v");
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", FILE, List.of("motd"), "Bye"))
                .hasMessageContaining("f.yaml:18").hasMessageContaining("several lines");
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", "a: {b: 1}\n", List.of("a", "c"), 2L))
                .hasMessageContaining("f.yaml:1").hasMessageContaining("flow style");
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", FILE, List.of("ingress", "hosts", 1), "x"))
                .hasMessageContaining("only values the list already has");
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", FILE, List.of("image"), "x"))
                .hasMessageContaining("image is a mapping");
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", FILE, List.of("image", "tag"), "{{ .Values.tag }}"))
                .hasMessageContaining("template");
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", "a: 1\n---\nb: 2\n", List.of("a"), 2L))
                .hasMessageContaining("2 YAML documents");
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", "a: [1\n", List.of("a"), 2L)).hasMessageContaining("f.yaml");
    }

    @Test
    void aRemovedValueTakesItsLinesAndMappingsLeftEmpty() {
        assertThat(changedLines(FILE, InPlaceYamlEdit.remove("f", FILE, List.of("image", "tag")).text()))
                .containsExactly("-  tag: 1.4.2 # pinned, see RELEASES.md");
        assertThat(changedLines(FILE, InPlaceYamlEdit.remove("f", FILE, List.of("resources", "limits", "cpu")).text()))
                .containsExactly("-resources:", "-    limits:", "-        cpu: 500m");
        assertThat(InPlaceYamlEdit.remove("f", FILE, List.of("image", "digest")).text()).isEqualTo(FILE);
        assertThat(InPlaceYamlEdit.remove("f", FILE, List.of("motd")).text()).endsWith("tolerations:\n");
        assertThat(InPlaceYamlEdit.remove("f", FILE, List.of("tolerations")).text()).contains("  hosts: [web.example.com]\nmotd: |");
    }

    @Test
    void hostileShapesAreRefusedWithTheirLineNeverWithTheirValue() {
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", "db:\n  password: hunter2\n", List.of("db", "password", "x"), "y"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("db.password is a single value").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", "list:\n-", List.of("list", 0), "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty list item");
        assertThatThrownBy(() -> InPlaceYamlEdit.set("f.yaml", "list: [a]\n", List.of("list", -1), "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("only values the list already has");
        assertThatThrownBy(() -> InPlaceYamlEdit.remove("f.yaml", "list: [a, b]\n", List.of("list", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("removed in the file");
        // removing an override of what a merge key brings in would bring the anchor's value back: not a removal
        String merged = "b: &b\n  tag: v1\napp:\n  <<: *b\n  tag: v2\n";
        assertThatThrownBy(() -> InPlaceYamlEdit.remove("f.yaml", merged, List.of("app", "tag")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("other values");
    }

    @Test
    void aFileWithWindowsLineBreaksKeepsThem() {
        String text = "image:\r\n  tag: 1.0\r\n";
        assertThat(InPlaceYamlEdit.set("f", text, List.of("image", "pullPolicy"), "Always").text())
                .isEqualTo("image:\r\n  tag: 1.0\r\n  pullPolicy: Always\r\n");
        assertThat(InPlaceYamlEdit.set("f", text, List.of("image", "tag"), "2.0").text()).isEqualTo("image:\r\n  tag: \"2.0\"\r\n");
    }

    @Test
    void charactersBeyondTheBasicPlaneBeforeTheValueDoNotShiftIt() {
        String text = "# 🚀 launch settings 🚀\nname: \"🚀 web\"\nreplicas: 2\n";
        assertThat(InPlaceYamlEdit.set("f", text, List.of("replicas"), 4L).text()).isEqualTo("# 🚀 launch settings 🚀\nname: \"🚀 web\"\nreplicas: 4\n");
        assertThat(InPlaceYamlEdit.set("f", text, List.of("name"), "🛸 web").text()).contains("name: \"🛸 web\"\n");
    }

    @Test
    void aTeamRepositoryReadsAsBeforeWithTheOneValueChanged(@TempDir Path work) {
        Map<String, String> files = HelmfileCorpus.files("convert-samples");
        HelmfileRead before = HelmfileCorpus.read(files, work);
        HelmfileRead.Release production = release(before, "production", "storefront");
        // where each value of the release comes from, in helmfile's order
        assertThat(production.sourceOf(List.of("autoscaling", "maxReplicas")).orElseThrow())
                .extracting(HelmfileRead.ValuesSource::kind, HelmfileRead.ValuesSource::file)
                .containsExactly(HelmfileRead.ValuesSource.Kind.FILE, "releases/storefront/values/storefront-production.yaml");
        assertThat(production.sourceOf(List.of("resources", "requests", "memory")).orElseThrow().file())
                .isEqualTo("releases/storefront/values/storefront.yaml");
        assertThat(production.sourceOf(List.of("image", "tag")).orElseThrow())
                .extracting(HelmfileRead.ValuesSource::kind, HelmfileRead.ValuesSource::file)
                .containsExactly(HelmfileRead.ValuesSource.Kind.SET, "releases/storefront/helmfile.yaml");
        assertThat(release(before, "staging", "storefront").sources()).extracting(HelmfileRead.ValuesSource::kind)
                .containsExactly(HelmfileRead.ValuesSource.Kind.FILE, HelmfileRead.ValuesSource.Kind.UNREAD, HelmfileRead.ValuesSource.Kind.SET);

        // a later source that sets a part of the path to a list decides everything under it (Helm merges maps only)
        HelmfileRead.ValuesSource common = new HelmfileRead.ValuesSource(HelmfileRead.ValuesSource.Kind.FILE, "common.yaml", 1,
                Map.of("env", List.of(Map.of("name", "A", "value", 1), Map.of("name", "B", "value", 2))));
        HelmfileRead.ValuesSource prod = new HelmfileRead.ValuesSource(HelmfileRead.ValuesSource.Kind.FILE, "prod.yaml", 1,
                Map.of("env", List.of(Map.of("name", "A", "value", 9))));
        HelmfileRead.Release lists = new HelmfileRead.Release("production", "web", "shop", "c", null, true, Map.of(), Map.of(), List.of(),
                "helmfile.yaml", List.of(common, prod));
        assertThat(lists.sourceOf(List.of("env", 1, "value")).orElseThrow().file()).isEqualTo("prod.yaml");
        assertThat(lists.sourceOf(List.of("env", 0, "value")).orElseThrow().file()).isEqualTo("prod.yaml");

        String file = "releases/storefront/values/storefront-production.yaml";
        InPlaceYamlEdit.Edited edited = InPlaceYamlEdit.set(file, files.get(file), List.of("autoscaling", "maxReplicas"), 20L);
        assertThat(changedLines(files.get(file), edited.text())).containsExactly("-  maxReplicas: 12", "+  maxReplicas: 20");
        Map<String, String> changed = new TreeMap<>(files);
        changed.put(file, edited.text());
        HelmfileRead after = HelmfileCorpus.read(changed, work);
        Map<String, Object> expected = io.chartroom.releases.values.ValuesTree.copy(production.values());
        io.chartroom.releases.values.ValuesTree.set(expected, List.of("autoscaling", "maxReplicas"), 20L);
        assertThat(io.chartroom.releases.values.ValuesTree.equal(release(after, "production", "storefront").values(), expected)).isTrue();
        assertThat(release(after, "staging", "storefront").values()).isEqualTo(release(before, "staging", "storefront").values());
    }

    private static HelmfileRead.Release release(HelmfileRead read, String environment, String name) {
        return read.releases().stream().filter(r -> r.environment().equals(environment) && r.name().equals(name)).findFirst().orElseThrow();
    }

    /** The lines that differ, "-" old and "+" new, in order (a line diff good enough for one local change). */
    private static List<String> changedLines(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<String> out = new ArrayList<>();
        a.subList(head, a.size() - tail).forEach(l -> out.add("-" + l));
        b.subList(head, b.size() - tail).forEach(l -> out.add("+" + l));
        return out;
    }
}
