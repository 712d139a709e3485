package io.chartroom.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.HelmInstalls;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.RealKubeApiServer;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20, item 5, on a real kube-apiserver: objects Helm created (its field manager, its release Secret) are imported,
 * the change request shows no change, and the first apply changes no spec (the Deployment's generation stays), takes
 * the fields into Chartroom's ownership, deletes nothing Chartroom does not render, and lets an ADMIN remove Helm's record.
 */
@IntegrationTest
class RealClusterAdoptionTest {

    static final Duration CONVERGE = Duration.ofSeconds(60);
    static final String NAMESPACE = "legacy-real";

    @LocalServerPort int port;

    @Test
    void aReleaseHelmInstalledIsAdoptedWithoutASpecChange() throws Exception {
        String kubeconfig = RealKubeApiServer.kubeconfig();
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        ApiClient.Response registered = api.post("/api/v1/clusters", Auth.user("admin"), Map.of("name", "real-adopt", "kind", "KUBECONFIG",
                "kubeconfig", kubeconfig, "labels", Map.of("env", "adoptreal")));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Environments.create(api, Map.of("name", "adoptreal", "clusterSelector", "env=adoptreal", "kubeVersion", "1.20"));
        try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig, null)).build()) {
            kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).createOr(c -> c.update());
            String helmValues = "replicaCount: 1\nenv:\n  - name: LEGACY_MODE\n    value: \"on\"\n";
            String manifest = HelmInstalls.manifest("legacy-web", NAMESPACE, helmValues);
            for (Map<String, Object> object : io.chartroom.render.service.HelmDocument.parse(manifest).stream()
                    .map(io.chartroom.render.service.HelmDocument::object).filter(java.util.Objects::nonNull).toList()) {
                createAsHelm(kube, object);
            }
            // an object of the release that the chart no longer renders: Chartroom leaves it alone
            createAsHelm(kube, Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "legacy-web-leftover",
                    "annotations", Map.of("meta.helm.sh/release-name", "legacy-web", "meta.helm.sh/release-namespace", NAMESPACE)),
                    "data", Map.of("k", "v")));
            kube.resource(HelmInstalls.releaseSecret("legacy-web", NAMESPACE, 1, "deployed",
                    Map.of("replicaCount", 1, "env", List.of(Map.of("name", "LEGACY_MODE", "value", "on"))), manifest)).create();
            Deployment before = kube.apps().deployments().inNamespace(NAMESPACE).withName("legacy-web").get();
            assertThat(managers(before)).containsExactly("helm");

            ApiClient.Response imported = api.post("/api/v1/clusters/real-adopt/helm-releases/" + NAMESPACE + "/legacy-web/import",
                    Auth.user("admin"), Map.of("team", "payments"));
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            assertThat(imported.json().path("comparison").path("objects").valueStream().map(o -> o.path("outcome").asString()).distinct().toList())
                    .as(imported.body()).containsExactly("SAME");
            long id = imported.json().path("changeRequestId").asLong();
            assertThat(api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).body()).contains("No change");
            changes.approve(id, "approver");
            ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
            assertThat(merged.status()).as(merged.body()).isEqualTo(200);

            Poll.until(CONVERGE, () -> api.get("/api/v1/releases/legacy-web/status", Auth.user("viewer")).json().valueStream()
                    .anyMatch(u -> u.path("cluster").asString().equals("real-adopt") && u.path("sync").asString().equals("SYNCED")), synced -> synced);
            Deployment after = kube.apps().deployments().inNamespace(NAMESPACE).withName("legacy-web").get();
            // the spec as Helm left it, pod template included: no rollout. (The generation moves all the same: a Deployment's counts
            // its annotations too, and Chartroom's revision annotation is new.)
            assertThat(after.getSpec()).isEqualTo(before.getSpec());
            ManagedFieldsEntry ours = after.getMetadata().getManagedFields().stream().filter(f -> f.getManager().equals("chartroom")).findFirst()
                    .orElseThrow();
            assertThat(ours.getOperation()).isEqualTo("Apply");
            assertThat(kube.getKubernetesSerialization().asJson(ours.getFieldsV1())).contains("f:replicas").contains("f:containers");
            // Helm no longer co-owns them: a field Chartroom stops rendering is removed, not kept for Helm
            assertThat(managers(after)).containsExactly("chartroom");
            assertThat(kube.services().inNamespace(NAMESPACE).withName("legacy-web").get().getMetadata().getManagedFields())
                    .extracting(ManagedFieldsEntry::getManager).containsExactly("chartroom");
            assertThat(kube.configMaps().inNamespace(NAMESPACE).withName("legacy-web-leftover").get()).as("nothing outside the inventory deleted")
                    .isNotNull();

            // a field Chartroom stops rendering goes: Helm no longer keeps it
            Map<String, Object> edited = ChangeRequests.release("legacy-web", "replicaCount: 1\n", Map.of("adoptreal", ""));
            edited.put("namespace", NAMESPACE);
            ApiClient.Response edit = api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("release", edited, "editing", "legacy-web"));
            assertThat(edit.status()).as(edit.body()).isEqualTo(201);
            changes.approve(edit.json().get("id").asLong(), "approver");
            assertThat(api.post("/api/v1/change-requests/" + edit.json().get("id").asLong() + "/merge", Auth.user("approver"), Map.of()).status())
                    .isEqualTo(200);
            Poll.until(CONVERGE, () -> kube.apps().deployments().inNamespace(NAMESPACE).withName("legacy-web").get().getSpec().getTemplate().getSpec()
                    .getContainers().getFirst().getEnv(), env -> env == null || env.isEmpty());

            JsonNode found = api.get("/api/v1/clusters/real-adopt/helm-releases", Auth.user("viewer")).json().valueStream()
                    .filter(f -> f.path("helm").path("name").asString().equals("legacy-web")).findFirst().orElseThrow();
            assertThat(found.path("adopted").asBoolean()).isTrue();
            assertThat(api.delete("/api/v1/clusters/real-adopt/helm-releases/" + NAMESPACE + "/legacy-web", Auth.user("developer")).status())
                    .isEqualTo(403);
            ApiClient.Response forgotten = api.delete("/api/v1/clusters/real-adopt/helm-releases/" + NAMESPACE + "/legacy-web", Auth.user("admin"));
            assertThat(forgotten.status()).as(forgotten.body()).isEqualTo(200);
            assertThat(forgotten.json().path("removed").asInt()).isEqualTo(1);
            assertThat(kube.secrets().inNamespace(NAMESPACE).withLabel("owner", "helm").list().getItems()).isEmpty();
            assertThat(kube.apps().deployments().inNamespace(NAMESPACE).withName("legacy-web").get()).as("the objects stay").isNotNull();

            ApiClient.Response removal = api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("remove", "legacy-web"));
            api.post("/api/v1/change-requests/" + removal.json().get("id").asLong() + "/merge", Auth.user("admin"), Map.of("overrideReason", "test cleanup"));
            Poll.until(CONVERGE, () -> kube.apps().deployments().inNamespace(NAMESPACE).withName("legacy-web").get(), d -> d == null);
        } catch (Throwable failure) {
            // the release may still be on the environment: leave it, so that this failure is the one reported
            api.delete("/api/v1/clusters/real-adopt", Auth.user("admin"));
            throw failure;
        }
        Environments.remove(api, "adoptreal");
        api.delete("/api/v1/clusters/real-adopt", Auth.user("admin"));
    }

    /** As {@code helm install} creates an object: a plain create under the field manager "helm". */
    private static void createAsHelm(KubernetesClient kube, Map<String, Object> object) throws Exception {
        String kind = String.valueOf(object.get("kind"));
        String path = switch (kind) {
            case "Deployment" -> "apis/apps/v1/namespaces/" + NAMESPACE + "/deployments";
            case "Service" -> "api/v1/namespaces/" + NAMESPACE + "/services";
            case "ConfigMap" -> "api/v1/namespaces/" + NAMESPACE + "/configmaps";
            default -> throw new IllegalArgumentException("the web-service chart renders no " + kind + " with these values");
        };
        HttpRequest request = kube.getHttpClient().newHttpRequestBuilder()
                .uri(URI.create(kube.getMasterUrl().toString().replaceAll("/$", "") + "/" + path + "?fieldManager=helm"))
                .post("application/json", kube.getKubernetesSerialization().asJson(object)).build();
        HttpResponse<String> response = kube.getHttpClient().sendAsync(request, String.class).get();
        assertThat(response.code()).as(response.body()).isEqualTo(201);
    }

    private static List<String> managers(Deployment deployment) {
        return deployment.getMetadata().getManagedFields().stream().map(ManagedFieldsEntry::getManager).distinct().toList();
    }
}
