package io.chartroom.reconcile.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.RealKubeApiServer;
import io.chartroom.fixtures.Screens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An approver watches a release page while its change is applied: the cards for both simulated clusters turn
 * Synced and Healthy by themselves (push); the objects and a live object's YAML are one click away; sync now
 * applies again; the clusters list marks the simulated clusters. An admin confirms a held removal on a cluster's page.
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
        // the reconciler applies, then reads health; on a loaded 2-core machine that may take longer than the 5 s default
        LocatorAssertions.IsVisibleOptions reconciled = new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);
        assertThat(production.locator(".sync-synced")).isVisible(reconciled);
        assertThat(production.locator(".health-healthy")).isVisible(reconciled);
        assertThat(page.locator("#unit-dev-sim-dev .health-healthy")).isVisible(reconciled);
        assertThat(production).containsText("2 objects + namespace");
        assertThat(page.locator("#release-history")).containsText("applied 2 objects + namespace");
        production.locator("vaadin-details").filter(new Locator.FilterOptions().setHasText("Objects")).click();
        // each object with its own health, read live
        Locator objects = page.locator("#objects-production-sim-production");
        assertThat(objects).containsText("Deployment");
        assertThat(objects).containsText("Service");
        assertThat(objects.locator(".health-healthy")).hasCount(2);
        Screens.shoot(page, "release-status");

        production.locator(".unit-objects vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText("Deployment")).first().click();
        assertThat(page.locator("#object-yaml")).containsText("chartroom.io/release: status-web");
        assertThat(page.locator("vaadin-dialog-overlay")).not().hasAttribute("opening", "");
        Screens.shoot(page, "release-object-yaml");
        page.keyboard().press("Escape");

        // the revision links to the commit's files of this release
        production.locator("a.revision-link").click();
        assertThat(page.locator("#commit-heading")).containsText("status-web");
        assertThat(page.locator(".commit-file").first()).containsText("releases/status-web/");
        assertThat(page.locator("#commit-all-files")).isVisible();
        Screens.shoot(page, "commit");
        page.goBack();

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

    /** A cluster loses its label: its page says what stays and why; an admin confirms, and the notice goes by itself. */
    @Test
    void anAdminConfirmsTheRemovalOfAnOrphanOnTheClusterPage(Page page) {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        Auth admin = Auth.user("admin");
        org.assertj.core.api.Assertions.assertThat(api.post("/api/v1/clusters", admin, Map.of("name", "real-held", "kind", "KUBECONFIG",
                "kubeconfig", RealKubeApiServer.kubeconfig(), "labels", Map.of("env", "heldui"))).status()).isEqualTo(201);
        Environments.create(api, Map.of("name", "heldui", "clusterSelector", "env=heldui", "kubeVersion", "1.20"));
        Map<String, Object> release = ChangeRequests.release("held-web", "", Map.of("heldui", ""));
        release.put("namespace", "held");
        long id = changes.propose(Auth.user("developer"), release, null).get("id").asLong();
        changes.approve(id, "approver");
        api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        Poll.until(Duration.ofSeconds(90), () -> api.get("/api/v1/releases/held-web/status", Auth.user("viewer")).body(),
                body -> body.contains("\"SYNCED\""));
        api.put("/api/v1/clusters/real-held", admin, Map.of("description", "", "labels", Map.of("env", "retired")));

        Screens.login(page, base, "admin");
        page.navigate(base + "/clusters/real-held");
        Locator held = page.locator("#held-removals");
        assertThat(held).containsText("1 release keeps 2 objects on this cluster");
        assertThat(held).containsText("held-web in heldui: environment heldui no longer selects cluster real-held");
        assertThat(page.locator("#cluster-units .sync-orphaned")).isVisible();
        assertThat(page.locator(".tls-unverified")).hasText("TLS not verified"); // the test server's kubeconfig skips it
        Screens.shoot(page, "cluster-held-removals");
        // the home card counts what the Problems page lists (the held unit among them)
        Poll.until(Duration.ofSeconds(30), () -> {
            page.navigate(base + "/");
            String card = page.locator("#dashboard-problems .dashboard-count").textContent().trim();
            page.navigate(base + "/problems");
            page.waitForFunction("() => document.querySelector('#problems-grid') && document.querySelector('#problems-grid').size !== undefined");
            Object rows = page.evaluate("() => document.querySelector('#problems-grid').size");
            return card + "=" + rows;
        }, counts -> counts.split("=")[0].equals(counts.split("=")[1]) && !counts.startsWith("0="));
        assertThat(page.locator("#problems-grid")).containsText("held-web");
        page.navigate(base + "/clusters/real-held");
        page.locator("#confirm-removals").click();
        Screens.waitForVaadin(page);
        assertThat(page.getByText("Delete 2 objects from real-held?")).isVisible();
        Screens.shoot(page, "cluster-confirm-removal");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete them")).click();
        assertThat(page.locator("vaadin-notification-card")).containsText("Removal confirmed for 1 release");
        assertThat(held).isHidden();
        assertThat(page.locator("#cluster-units")).containsText("No release runs on this cluster yet.");
    }
}
