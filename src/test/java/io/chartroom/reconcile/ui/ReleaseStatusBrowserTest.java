package io.chartroom.reconcile.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An approver watches a release page while its change is applied: the cards for both simulated clusters turn
 * Synced and Healthy by themselves (push); the objects and a live object's YAML are one click away; sync now
 * applies again; the clusters list marks the simulated clusters.
 */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class ReleaseStatusBrowserTest {

    @LocalServerPort int port;

    @Test
    void theReleasePageFollowsTheReconcilerLive(Page page) {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        long id = changes.propose(Auth.user("developer"), ChangeRequests.release("status-web", "",
                Map.of("dev", "", "production", "replicaCount: 3\n")), null).get("id").asLong();
        changes.approve(id, "approver", "approver2");
        api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());

        Screens.login(page, base, "approver");
        page.navigate(base + "/releases/status-web");
        Locator production = page.locator("#unit-production-sim-production");
        assertThat(production.locator(".sync-synced")).isVisible();
        assertThat(production.locator(".health-healthy")).isVisible();
        assertThat(page.locator("#unit-dev-sim-dev .health-healthy")).isVisible();
        assertThat(production).containsText("2 objects + namespace");
        assertThat(page.locator("#release-history")).containsText("applied 2 objects + namespace");
        production.locator("vaadin-details").filter(new Locator.FilterOptions().setHasText("Objects")).click();
        assertThat(production.locator(".unit-objects")).containsText("ready 3/3");
        Screens.shoot(page, "release-status");

        production.locator(".unit-objects vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("Deployment")).first().click();
        assertThat(page.locator("#object-yaml")).containsText("chartroom.io/release: status-web");
        assertThat(page.locator("vaadin-dialog-overlay")).not().hasAttribute("opening", "");
        Screens.shoot(page, "release-object-yaml");
        page.keyboard().press("Escape");

        page.locator("#sync-now").click();
        assertThat(page.locator("vaadin-notification-card")).containsText("Applying status-web again on 2 clusters");

        page.navigate(base + "/clusters");
        assertThat(page.locator("#clusters")).containsText("sim-production");
        assertThat(page.locator("#clusters")).containsText("simulated");
        Screens.shoot(page, "clusters");
        page.navigate(base + "/clusters/sim-production");
        assertThat(page.locator("#cluster-units")).containsText("status-web");
        Screens.shoot(page, "cluster");
    }
}
