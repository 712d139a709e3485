package io.chartroom.reconcile.diff;

import io.chartroom.reconcile.cluster.KubeObjects;
import io.chartroom.reconcile.plan.DesiredObjects;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.RealKubeApiServer;
import io.chartroom.reconcile.domain.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Drift measured on what the real kube-apiserver answers. Each file under {@code src/test/resources/drift/}
 * holds an object as Chartroom sends it ({@code sent}), the server's answer to the server-side apply
 * ({@code answer}) and the object read back ({@code live}), captured from ../shared/tools/kube-apiserver; some
 * also hold a change another field manager made ({@code change}), the object read after it ({@code drifted}) and
 * the drift a user must be shown ({@code expect}).
 * <p>
 * The stored pairs are checked in every run without a server. Against the real server the cases are applied
 * again and must give the same reference; {@code -Dchartroom.capture-drift=true} writes the files anew
 * ({@code =29-} only the files named so, for a new case).
 */
class DriftFixturesTest {

    static final Path DIR = Path.of("src/test/resources/drift");
    static final Set<String> VOLATILE = Set.of("uid", "resourceVersion", "creationTimestamp", "managedFields", "selfLink", "generation");

    @Test
    void whatTheApiServerNormalizesIsNoDrift() {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        for (Case c : cases) {
            assertThat(c.answer()).as(c.name() + " was captured").isNotNull();
            assertThat(FieldDrift.differences(c.reference(), c.live(), Set.of())).as(c.name()).isEmpty();
        }
    }

    @Test
    void aRealChangeIsDriftAndSaysWhatChanged() {
        List<Case> changed = cases().stream().filter(c -> c.expect() != null).toList();
        assertThat(changed).hasSizeGreaterThanOrEqualTo(6);
        for (Case c : changed) {
            assertThat(FieldDrift.differences(c.reference(), c.drifted(), Set.of())).as(c.name()).isEqualTo(c.expect());
        }
    }

    /** The fixtures are worth keeping: compared with the manifest, most of them would read as drift on every sweep. */
    @Test
    void comparedWithTheManifestMostWouldBeDrift() {
        List<String> naive = new ArrayList<>();
        for (Case c : cases()) {
            FieldDrift.differences(c.sent(), c.live(), Set.of()).forEach(d -> naive.add(c.name() + ": " + d));
        }
        assertThat(naive).anyMatch(d -> d.contains("stringData")).anyMatch(d -> d.contains("cpu: 0.1 applied, 100m live"))
                .anyMatch(d -> d.contains("minReadySeconds: 0 applied, missing live"))
                .anyMatch(d -> d.contains("hostNetwork: false applied, missing live"))
                .anyMatch(d -> d.contains("unknownField"));
        assertThat(cases().stream().filter(c -> !FieldDrift.differences(c.sent(), c.live(), Set.of()).isEmpty()).count())
                .isGreaterThanOrEqualTo(12);
    }

    @Test
    void theRealApiServerStillAnswersAsTheFixturesSay() {
        // "true" writes every file anew, another value only the files whose names start with it
        String capture = System.getProperty("chartroom.capture-drift", "");
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, RealKubeApiServer.kubeconfig(), null))
                .build()) {
            KubeObjects kube = new KubeObjects(client, true, new AtomicLong());
            for (Case c : cases()) {
                DesiredObjects.defaults(c.sent()); // as the reconciler sends it: stored so when captured
                Map<String, Object> answer = kube.apply(c.sent());
                ObjectRef ref = DesiredObjects.ref(c.sent());
                if (ref.kind().equals("CustomResourceDefinition")) {
                    kube.awaitEstablished(ref.name(), Duration.ofSeconds(30));
                }
                Map<String, Object> live = kube.get(ref);
                assertThat(FieldDrift.differences(DriftReference.normalize(c.sent(), answer), live, Set.of())).as(c.name()).isEmpty();
                Map<String, Object> drifted = null;
                if (c.change() != null) {
                    GenericKubernetesResource other = client.getKubernetesSerialization().convertValue(c.change().get("object"),
                            GenericKubernetesResource.class);
                    client.resource(other).fieldManager(String.valueOf(c.change().get("manager"))).forceConflicts().serverSideApply();
                    drifted = kube.get(ref);
                    assertThat(FieldDrift.differences(DriftReference.normalize(c.sent(), answer), drifted, Set.of())).as(c.name())
                            .isEqualTo(c.expect());
                    kube.apply(c.sent()); // healed, for the cases after it
                }
                if (capture.equals("true") || !capture.isEmpty() && c.name().startsWith(capture)) {
                    c.write(answer, live, drifted);
                } else {
                    // as text: the stored file reads 65532 as an Integer, the client answers a Long
                    assertThat(DriftReference.normalize(c.sent(), answer).toString()).as(c.name() + ": the stored answer is this server's")
                            .isEqualTo(c.reference().toString());
                }
            }
        }
    }

    record Case(Path file, Map<String, Object> raw) {

        String name() {
            return file.getFileName().toString();
        }

        Map<String, Object> sent() {
            return map("sent");
        }

        Map<String, Object> answer() {
            return map("answer");
        }

        Map<String, Object> live() {
            return map("live");
        }

        Map<String, Object> drifted() {
            return map("drifted");
        }

        Map<String, Object> change() {
            return map("change");
        }

        /** What drift is measured against: the sent fields with the values the server answered. */
        Map<String, Object> reference() {
            return DriftReference.normalize(sent(), answer());
        }

        @SuppressWarnings("unchecked")
        List<String> expect() {
            return (List<String>) raw.get("expect");
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> map(String key) {
            return (Map<String, Object>) raw.get(key);
        }

        void write(Map<String, Object> answer, Map<String, Object> live, Map<String, Object> drifted) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("covers", raw.get("covers"));
            out.put("sent", sent());
            if (change() != null) {
                out.put("change", change());
                out.put("expect", expect());
            }
            out.put("answer", stable(answer));
            out.put("live", stable(live));
            if (drifted != null) {
                out.put("drifted", stable(drifted));
            }
            String yaml = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(120).build()).dumpToString(out);
            try {
                Files.writeString(file, yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Without what changes on every capture (uid, resourceVersion, timestamps, field ownership) or does not bear on drift (status). */
        @SuppressWarnings("unchecked")
        private static Map<String, Object> stable(Map<String, Object> object) {
            Map<String, Object> copy = new LinkedHashMap<>(object);
            copy.remove("status");
            if (copy.get("metadata") instanceof Map<?, ?> metadata) {
                Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) metadata);
                m.keySet().removeAll(VOLATILE);
                copy.put("metadata", m);
            }
            return copy;
        }
    }

    @SuppressWarnings("unchecked")
    static List<Case> cases() {
        try (Stream<Path> files = Files.list(DIR)) {
            Load load = new Load(LoadSettings.builder().build());
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(f -> {
                try {
                    return new Case(f, (Map<String, Object>) load.loadFromString(Files.readString(f)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
