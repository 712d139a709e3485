package io.chartroom.adoption.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import io.chartroom.clusters.service.SimulatedClusters;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.HelmInstalls;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An admin finds a Helm release on a cluster's page, imports it with a reference for its password, and lands on the change request. */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class HelmImportBrowserTest {

    @LocalServerPort int port;
    @Autowired SimulatedClusters simulated;

    @Test
    void anAdminImportsAHelmReleaseFromTheClusterPage(Page page) {
        new ChangeRequests(new ApiClient(port)).awaitSamples();
        String values = "replicaCount: 2\ndatabase:\n  password: hunter2-from-helm\n";
        try (KubernetesClient dev = new KubernetesClientBuilder().withConfig(simulated.server("sim-dev").orElseThrow().config()).build()) {
            dev.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("orders").endMetadata().build()).createOr(c -> c.update());
            dev.resource(HelmInstalls.releaseSecret("orders-api", "orders", 4, "deployed",
                    Map.of("replicaCount", 2, "database", Map.of("password", "hunter2-from-helm")), HelmInstalls.manifest("orders-api", "orders", values)))
                    .create();
        }
        String base = "http://localhost:" + port;
        Screens.login(page, base, "admin");
        page.navigate(base + "/clusters/sim-dev");
        page.locator("#cluster-helm-releases").click();
        assertThat(page.locator("#helm-releases-title")).hasText("Helm releases on sim-dev");
        assertThat(page.locator("#helm-releases")).containsText("orders-api");
        assertThat(page.locator("#helm-releases")).containsText("web-service 1.2.0");
        assertThat(page.locator("#helm-releases")).not().containsText("hunter2");
        Screens.shoot(page, "helm-releases");

        page.locator("#import-orders-orders-api").click();
        assertThat(page.locator("#import-dialog")).containsText("chartroom-samples/web-service 1.2.0");
        // other tests add environments that select sim-dev too: choose dev
        page.locator("#import-environment").click();
        page.locator("vaadin-select-item[role=option]", new Page.LocatorOptions().setHasText(java.util.regex.Pattern.compile("^\\s*dev\\s*$"))).click();
        page.locator("#import-submit").click();
        assertThat(page.locator("#import-reference-database-password")).hasAttribute("invalid", "");
        page.locator("#import-reference-database-password input").fill("ref+awsssm://orders/db-password");
        Screens.shoot(page, "helm-import-dialog");
        page.locator("#import-submit").click();
        page.waitForURL(url -> url.contains("/change-requests/"));
        assertThat(page.locator("body")).containsText("Adopt Helm release orders/orders-api from sim-dev");
        Screens.shoot(page, "helm-import-change-request");
        long id = Long.parseLong(page.url().replaceAll(".*/change-requests/(\\d+).*", "$1"));
        new ApiClient(port).post("/api/v1/change-requests/" + id + "/close", Auth.user("admin"), Map.of());
    }
}
