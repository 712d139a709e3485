package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.clusters.service.SimulatedClusters;
import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.FidelityCharts;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.ReleaseFlow;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A chart's CRDs on a simulated cluster, as Helm install treats them: crds/ of the chart and of its subcharts shown
 * with their role in the preview and the review, applied first, and kept when the release goes, unless the
 * environment prunes CRDs.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmCrdsTest {

    static final Duration CONVERGE = Duration.ofSeconds(60);
    static final String KEPT = ": applied first; kept when the release goes, unless its environment prunes CRDs";

    @LocalServerPort int port;
    @Autowired SimulatedClusters simulated;
    ApiClient api;
    ReleaseFlow flow;
    KubernetesClient dev;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        FidelityCharts.register(api, port);
        flow = new ReleaseFlow(api);
        dev = new KubernetesClientBuilder().withConfig(simulated.server("sim-dev").orElseThrow().config()).build();
    }

    @AfterAll
    void close() {
        dev.close();
    }

    @Test
    void crdsAreAppliedFirstShownInTheReviewAndKeptWhenTheReleaseGoes() {
        long id = flow.propose(FidelityCharts.release("fid-crds", "with-crds", "fidelity", "", List.of("dev")));
        List<JsonNode> objects = flow.objects(id);
        assertThat(objects).filteredOn(o -> o.get("kind").asString().equals("CustomResourceDefinition"))
                .extracting(o -> o.get("name").asString() + ": " + o.get("role").asString())
                .containsExactlyInAnyOrder("gadgets.fidelity.chartroom.io: CRD from crds/" + KEPT, "widgets.fidelity.chartroom.io: CRD from crds/" + KEPT);
        assertThat(objects).extracting(o -> o.get("kind").asString()).contains("Widget", "ConfigMap");
        flow.merge(id);
        Poll.until(CONVERGE, () -> flow.synced("fid-crds", "dev"), ok -> ok);
        assertThat(dev.apiextensions().v1().customResourceDefinitions().withName("widgets.fidelity.chartroom.io").get()).isNotNull();
        assertThat(resources("fidelity.chartroom.io", "Widget", "widgets").inNamespace("fidelity").withName("fid-crds-first").get())
                .as("the custom resource, after its CRD").isNotNull();

        flow.merge(flow.proposeRemoval("fid-crds"));
        Poll.until(CONVERGE, () -> dev.configMaps().inNamespace("fidelity").withName("fid-crds-operator").get() == null, gone -> gone);
        assertThat(resources("fidelity.chartroom.io", "Widget", "widgets").inNamespace("fidelity").withName("fid-crds-first").get()).isNull();
        assertThat(dev.apiextensions().v1().customResourceDefinitions().withName("widgets.fidelity.chartroom.io").get())
                .as("Helm never deletes a chart's CRDs, nor does Chartroom unless the environment says so").isNotNull();
    }

    @Test
    void aSubchartsCrdsArePreviewedAppliedAndDeletedWithTheReleaseWhereTheEnvironmentPrunesCrds() {
        Environments.create(api, Map.of("name", "crdprune", "clusterSelector", "env=dev", "kubeVersion", "1.31", "pruneCrds", true));
        assertThat(api.get("/api/v1/environments/crdprune", Auth.user("viewer")).json().get("pruneCrds").asBoolean()).isTrue();
        Map<String, Object> release = FidelityCharts.release("fid-umbrella", "operator-umbrella", "fidelity-umbrella", "", List.of("crdprune"));
        String crd = "gizmos.umbrella.chartroom.io";
        String role = "CRD from crds/" + KEPT;

        // the preview, as the editor shows it before anything is proposed
        ApiClient.Response preview = api.post("/api/v1/releases/render", Auth.user("developer"), release);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode target = preview.json().get(0);
        assertThat(target.get("ok").asBoolean()).as(target.toString()).isTrue();
        assertThat(target.get("objects").valueStream().filter(o -> o.get("kind").asString().equals("CustomResourceDefinition")).toList())
                .singleElement().satisfies(o -> {
                    assertThat(o.get("name").asString()).isEqualTo(crd);
                    assertThat(o.get("source").asString()).isEqualTo("operator-umbrella/charts/gizmo-operator/crds/gizmos.yaml");
                    assertThat(o.get("role").asString()).isEqualTo(role);
                });
        assertThat(target.get("manifest").asString()).as("first, before the custom resource that needs it")
                .containsSubsequence("kind: CustomResourceDefinition", "kind: Gizmo");

        long id = flow.propose(release);
        assertThat(flow.objects(id)).extracting(o -> o.get("kind").asString() + " " + o.get("name").asString() + ": " + o.get("role").asString())
                .contains("CustomResourceDefinition " + crd + ": " + role);
        flow.merge(id);
        Poll.until(CONVERGE, () -> flow.synced("fid-umbrella", "crdprune"), ok -> ok);
        assertThat(dev.apiextensions().v1().customResourceDefinitions().withName(crd).get()).as("the subchart's CRD").isNotNull();
        assertThat(resources("umbrella.chartroom.io", "Gizmo", "gizmos").inNamespace("fidelity-umbrella").withName("fid-umbrella-first").get())
                .isNotNull();
        assertThat(dev.configMaps().inNamespace("fidelity-umbrella").withName("fid-umbrella-gizmo-operator").get()).isNotNull();

        flow.merge(flow.proposeRemoval("fid-umbrella"));
        Poll.until(CONVERGE, () -> flow.unit("fid-umbrella", "crdprune"), u -> u == null);
        assertThat(dev.configMaps().inNamespace("fidelity-umbrella").withName("fid-umbrella-gizmo-operator").get()).isNull();
        assertThat(dev.apiextensions().v1().customResourceDefinitions().withName(crd).get())
                .as("the environment prunes CRDs: deleted with the release").isNull();
        Environments.remove(api, "crdprune");
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> resources(
            String group, String kind, String plural) {
        return dev.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1")
                .withKind(kind).withPlural(plural).withNamespaced(true).build());
    }
}
