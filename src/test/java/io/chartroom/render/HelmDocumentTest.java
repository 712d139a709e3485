package io.chartroom.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.render.service.HelmDocument;
import io.chartroom.render.service.HelmDocument.Phase;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where in Helm's install each rendered document goes, read from its source and its helm.sh/hook annotations. */
class HelmDocumentTest {

    /** A rendered document from {@code source} with these annotation lines (already indented under annotations:). */
    static String document(String source, String kind, String annotations) {
        return "# Source: " + source + "\napiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: x\n"
                + (annotations.isEmpty() ? "" : "  annotations:\n" + annotations);
    }

    static Stream<Arguments> phases() {
        return Stream.of(
                // source, kind, annotations, phase, events, weight, delete policies
                Arguments.of("web/templates/cm.yaml", "ConfigMap", "", Phase.OBJECT, Set.of(), 0, Set.of()),
                Arguments.of("web/crds/widgets.yaml", "CustomResourceDefinition", "", Phase.CRD, Set.of(), 0, Set.of()),
                Arguments.of("web/charts/operator/crds/gizmos.yaml", "CustomResourceDefinition", "", Phase.CRD, Set.of(), 0, Set.of()),
                Arguments.of("web/templates/crd.yaml", "CustomResourceDefinition", "    helm.sh/hook: crd-install\n", Phase.CRD,
                        Set.of("crd-install"), 0, Set.of()),
                Arguments.of("web/templates/job.yaml", "Job", "    helm.sh/hook: pre-install\n", Phase.PRE_HOOK, Set.of("pre-install"), 0,
                        Set.of(HelmDocument.BEFORE_HOOK_CREATION)),
                Arguments.of("web/templates/job.yaml", "Job", """
                            helm.sh/hook: pre-install,pre-upgrade
                            helm.sh/hook-weight: "-5"
                            helm.sh/hook-delete-policy: hook-succeeded, hook-failed
                        """, Phase.PRE_HOOK, Set.of("pre-install", "pre-upgrade"), -5, Set.of("hook-succeeded", "hook-failed")),
                Arguments.of("web/templates/notify.yaml", "Job", "    helm.sh/hook: post-install, post-upgrade\n    helm.sh/hook-weight: \" 3 \"\n",
                        Phase.POST_HOOK, Set.of("post-install", "post-upgrade"), 3, Set.of(HelmDocument.BEFORE_HOOK_CREATION)),
                Arguments.of("web/templates/tests/t.yaml", "Pod", "    helm.sh/hook: test\n", Phase.TEST, Set.of("test"), 0,
                        Set.of(HelmDocument.BEFORE_HOOK_CREATION)),
                Arguments.of("web/templates/tests/t.yaml", "Pod", "    helm.sh/hook: test-success\n", Phase.TEST, Set.of("test-success"), 0,
                        Set.of(HelmDocument.BEFORE_HOOK_CREATION)),
                // a test that is also a pre-install hook is a test: it never runs on sync
                Arguments.of("web/templates/t.yaml", "Pod", "    helm.sh/hook: pre-install,test\n", Phase.TEST, Set.of("pre-install", "test"), 0,
                        Set.of(HelmDocument.BEFORE_HOOK_CREATION)),
                Arguments.of("web/templates/cleanup.yaml", "Job", "    helm.sh/hook: pre-delete\n", Phase.OTHER_HOOK, Set.of("pre-delete"), 0,
                        Set.of(HelmDocument.BEFORE_HOOK_CREATION)),
                Arguments.of("web/templates/rollback.yaml", "Job", "    helm.sh/hook: post-rollback\n", Phase.OTHER_HOOK, Set.of("post-rollback"),
                        0, Set.of(HelmDocument.BEFORE_HOOK_CREATION)),
                // an unreadable weight counts as 0, as in Helm
                Arguments.of("web/templates/job.yaml", "Job", "    helm.sh/hook: pre-upgrade\n    helm.sh/hook-weight: heavy\n", Phase.PRE_HOOK,
                        Set.of("pre-upgrade"), 0, Set.of(HelmDocument.BEFORE_HOOK_CREATION)),
                // as the render workers reveal hooks (helm-java leaves helm.sh/hook documents out of its manifest)
                Arguments.of("web/templates/job.yaml", "Job", """
                            chartroom.io/helm-hook: post-upgrade
                            chartroom.io/helm-hook-weight: "-10"
                            chartroom.io/helm-hook-delete-policy: hook-failed
                        """, Phase.POST_HOOK, Set.of("post-upgrade"), -10, Set.of("hook-failed")));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("phases")
    void eachDocumentGoesWhereHelmInstallPutsIt(String source, String kind, String annotations, Phase phase, Set<String> events, int weight,
                                                 Set<String> policies) {
        List<HelmDocument> parsed = HelmDocument.parse("---\n" + document(source, kind, annotations));
        assertThat(parsed).hasSize(1);
        HelmDocument d = parsed.getFirst();
        assertThat(d.source()).isEqualTo(source);
        assertThat(d.kind()).isEqualTo(kind);
        assertThat(d.phase()).isEqualTo(phase);
        assertThat(d.hookEvents()).isEqualTo(events);
        assertThat(d.weight()).isEqualTo(weight);
        assertThat(d.deletePolicies()).isEqualTo(policies);
        assertThat(d.hook()).isEqualTo(phase != Phase.OBJECT && phase != Phase.CRD);
        assertThat(d.text()).as("the real annotation back").doesNotContain("chartroom.io/helm-hook");
    }

    @Test
    void documentsAreSplitInOrderBlankOnesSkippedAndInvalidYamlMarked() {
        List<HelmDocument> parsed = HelmDocument.parse(document("web/templates/a.yaml", "ConfigMap", "") + "---\n\n---\n"
                + "# Source: web/templates/b.yaml\nkey: [unclosed\n---\n# Source: web/templates/c.yaml\n# only a comment\n");
        assertThat(parsed).extracting(HelmDocument::source).containsExactly("web/templates/a.yaml", "web/templates/b.yaml", "web/templates/c.yaml");
        assertThat(parsed.get(1).invalid()).isTrue();
        assertThat(parsed.get(1).object()).isNull();
        assertThat(parsed.get(2).invalid()).as("not an object, but YAML").isFalse();
        assertThat(parsed.get(2).object()).isNull();
        assertThat(HelmDocument.parse("  \n")).isEmpty();
        assertThat(HelmDocument.parse(null)).isEmpty();
    }
}
