package io.chartroom.audit.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin answers "who changed this release, who approved it, when did it reach the cluster": the dashboard,
 * the audit log filtered by release and outcome, the CSV export, the chain check, and the release's timeline.
 */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class AuditBrowserTest {

    @LocalServerPort int port;

    @Test
    void filterExportVerifyAndFollowAReleaseTimeline(Page page) throws Exception {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        long id = changes.propose(Auth.user("developer"), ChangeRequests.release("timeline-web", "", Map.of("dev", "")), null).get("id").asLong();
        changes.approve(id, "approver");
        api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        // and one failure, so that the outcome filter has something to find
        api.post("/api/v1/environments", Auth.user("developer"), Map.of("name", "not-yours", "clusterSelector", "env=x"));

        Screens.login(page, base, "admin");
        assertThat(page.locator("#dashboard")).isVisible();
        assertThat(page.locator("#dashboard-merges")).containsText("#" + id);
        Screens.shoot(page, "dashboard");

        page.navigate(base + "/admin/audit");
        assertThat(page.locator("#audit-grid")).containsText("change_request.merged");
        // the newest row (the denied environment) is on screen before filtering, and must go with the filter
        assertThat(visibleCells(page, "not-yours")).not().hasCount(0);
        page.locator("#audit-target input").fill("timeline-web");
        page.locator("#audit-target input").press("Tab");
        assertThat(visibleCells(page, "not-yours")).hasCount(0);
        assertThat(visibleCells(page, "change_request.approved")).hasCount(1);
        // a row opens as a table whose targets are links
        visibleCells(page, "change_request.approved").click();
        com.microsoft.playwright.Locator opened = page.locator("#audit-grid .audit-details >> visible=true");
        assertThat(opened).hasCount(1);
        assertThat(opened.locator("a.audit-target-link").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("timeline-web")))
                .hasAttribute("href", "releases/timeline-web");
        assertThat(opened.locator("a.audit-target-link").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("#" + id)))
                .hasAttribute("href", "change-requests/" + id);
        assertThat(opened).not().containsText("{\"");
        Screens.shoot(page, "audit-log");

        page.locator("#audit-target input").fill("");
        page.locator("#audit-target input").press("Tab");
        // the cleared target has reached the server: the newest row is back (hidden cells of old rows do not count)
        assertThat(visibleCells(page, "not-yours")).not().hasCount(0);
        page.locator("#audit-outcome").click();
        page.locator("vaadin-select-item").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Denied")).click();
        assertThat(visibleCells(page, "Success")).hasCount(0);
        assertThat(visibleCells(page, "change_request.opened")).not().hasCount(0);
        Screens.shoot(page, "audit-log-denied");

        Download download = page.waitForDownload(() -> page.locator("#audit-export-csv").click());
        String csv = Files.readString(download.path());
        assertThat(csv).startsWith("id,occurredAt,actor,action,outcome");
        assertThat(csv).contains("change_request.opened,DENIED").doesNotContain(",SUCCESS,");

        page.locator("#audit-verify").click();
        assertThat(page.locator("#audit-verification")).containsText("Chain intact");

        page.navigate(base + "/releases/timeline-web");
        page.locator("#release-timeline").click();
        assertThat(page.locator("#timeline")).containsText("Change request #" + id + " opened");
        assertThat(page.locator("#timeline")).containsText("Change request #" + id + " merged");
        assertThat(page.locator("#timeline")).containsText("on sim-dev (dev)");
        assertThat(page.locator("#timeline .timeline-link").first()).hasAttribute("href", "change-requests/" + id);
        Screens.shoot(page, "release-timeline");
    }

    /** Cells of rows the grid shows (it keeps cells of rows filtered away in the DOM, hidden). */
    private static com.microsoft.playwright.Locator visibleCells(Page page, String text) {
        return page.locator("#audit-grid vaadin-grid-cell-content >> visible=true")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(text));
    }
}
