package io.chartroom.changes.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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
 * On the embedded default: a developer opens a release's versions, sees that a newer chart version is available,
 * checks an upgrade of dev and opens its change request; once merged, dev's version waits to be promoted to
 * production, and one click opens that change request.
 */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class UpgradePromotionBrowserTest {

    @LocalServerPort int port;

    @Test
    void upgradeInDevThenPromoteToProduction(Page page) {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        Map<String, Object> release = ChangeRequests.release("promo-web", "replicaCount: 1\n", Map.of("dev", "", "production", ""));
        release.put("version", "1.0.0");
        merge(api, changes.propose(Auth.user("developer"), release, null).get("id").asLong());

        Screens.login(page, base, "developer");
        page.navigate(base + "/releases/promo-web");
        page.locator("#release-versions").click();
        page.waitForURL("**/releases/promo-web/versions");
        assertThat(page.locator("#newest-version")).containsText("1.2.0 available");
        assertThat(page.locator("#version-pipeline")).containsText("1.0.0");
        page.locator("#upgrade-version input").fill("1.1.0");
        page.locator("vaadin-combo-box-item").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("1.1.0 · app")).click();
        page.locator("#upgrade-check").click();
        assertThat(page.locator("#upgrade-findings")).containsText("dev: 1.0.0 → 1.1.0");
        assertThat(page.locator("#upgrade-findings")).containsText("Nothing blocks this upgrade");
        Screens.shoot(page, "upgrade-checked");
        page.locator("#upgrade-propose").click();
        page.waitForURL("**/change-requests/*");
        assertThat(page.locator("#cr-title")).containsText("promo-web: dev upgrade to web-service 1.1.0");
        Screens.shoot(page, "upgrade-change-request");
        merge(api, Long.parseLong(page.url().replaceAll(".*/change-requests/(\\d+).*", "$1")));

        page.navigate(base + "/pipeline");
        assertThat(page.locator("#pipeline")).containsText("promo-web");
        assertThat(page.locator("#pipeline")).containsText("1.1.0 waiting from dev");
        Screens.shoot(page, "pipeline");
        page.navigate(base + "/releases/promo-web/versions");
        assertThat(page.locator("#version-pipeline")).containsText("1.1.0 from dev");
        Screens.shoot(page, "promotion-waiting");
        page.locator("#promote-production").click();
        page.waitForURL("**/change-requests/*");
        assertThat(page.locator("#cr-title")).containsText("promo-web: promote dev -> production (web-service 1.1.0)");
        Screens.shoot(page, "promotion-change-request");
        long promotion = Long.parseLong(page.url().replaceAll(".*/change-requests/(\\d+).*", "$1"));
        api.post("/api/v1/change-requests/" + promotion + "/close", Auth.user("developer"), Map.of());
        merge(api, api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("remove", "promo-web")).json().get("id").asLong());
    }

    @Test
    void bulkUpgradeOfTwoReleasesFromThePipeline(Page page) {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        for (String name : new String[] {"fleet-web-1", "fleet-web-2"}) {
            Map<String, Object> release = ChangeRequests.release(name, "replicaCount: 1\n", Map.of("dev", "", "production", ""));
            release.put("version", "1.0.0");
            merge(api, changes.propose(Auth.user("developer"), release, null).get("id").asLong());
        }
        Screens.login(page, base, "developer");
        page.navigate(base + "/pipeline");
        page.locator("#pipeline-filter input").fill("fleet-web");
        assertThat(page.locator("#pipeline")).containsText("fleet-web-2");
        assertThat(page.locator("#pipeline")).not().containsText("promo-web");
        page.locator("#pipeline vaadin-checkbox").first().click(); // select all (the two filtered)
        page.locator("#bulk-upgrade").click();
        page.locator("#bulk-version input").fill("1.2.0");
        page.locator("vaadin-combo-box-item").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("1.2.0 · app")).click();
        Screens.shoot(page, "bulk-upgrade-dialog");
        page.locator("#bulk-open").click();
        page.waitForURL("**/change-requests/*");
        assertThat(page.locator("#cr-title")).containsText("web-service: dev upgrade of 2 releases to 1.2.0");
        assertThat(page.locator("#cr-env-fleet-web-1-dev")).containsText("fleet-web-1 · dev");
        assertThat(page.locator("#cr-env-fleet-web-2-dev")).containsText("fleet-web-2 · dev");
        Screens.shoot(page, "bulk-upgrade-change-request");
        long id = Long.parseLong(page.url().replaceAll(".*/change-requests/(\\d+).*", "$1"));
        api.post("/api/v1/change-requests/" + id + "/close", Auth.user("developer"), Map.of());
        for (String name : new String[] {"fleet-web-1", "fleet-web-2"}) {
            merge(api, api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("remove", name)).json().get("id").asLong());
        }
    }

    private static void merge(ApiClient api, long id) {
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("admin"), Map.of("overrideReason", "browser test"));
        org.assertj.core.api.Assertions.assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    }
}
