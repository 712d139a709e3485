package io.chartroom.releases.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.Screens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The releases list shows each environment's status and filters by team; a developer of another team sees a release as read-only at once: no "Edit values" on its page, and its editor
 * (typed into the address bar) says why and offers nothing to submit.
 */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class OtherTeamsReleaseBrowserTest {

    @LocalServerPort int port;

    @Test
    void anotherTeamsReleaseIsReadOnlyBeforeAnyoneTypes(Page page) {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        long id = changes.propose(Auth.user("developer"), ChangeRequests.release("team-web", "replicaCount: 1\n", Map.of("dev", "")), null)
                .get("id").asLong();
        api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("admin"), Map.of("overrideReason", "browser test"));

        Poll.until(Duration.ofSeconds(60), () -> api.get("/api/v1/releases/team-web/status", Auth.user("viewer")).body(),
                b -> b.contains("\"SYNCED\"") && b.contains("\"HEALTHY\""));

        Screens.login(page, base, "developer2");
        // the list says how each environment's worst cluster is doing, and filters by team
        page.navigate(base + "/releases");
        page.locator("#releases-filter input").fill("team-web");
        assertThat(page.locator("#releases")).containsText("dev: Synced · Healthy");
        page.locator("#releases-team").click();
        page.locator("vaadin-combo-box-item").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("search")).click();
        // search has no release: the grid holds no row (hidden rows keep their old text, so the count is what tells)
        page.waitForFunction("() => document.querySelector('#releases').size === 0");
        Screens.shoot(page, "releases-status");
        page.navigate(base + "/releases/team-web");
        assertThat(page.locator("#release-read-only")).containsText("Team payments's release: read-only for you");
        assertThat(page.locator("#edit-release")).hasCount(0);
        page.navigate(base + "/releases/team-web/edit");
        assertThat(page.locator("#editor-read-only")).containsText("belongs to team payments");
        assertThat(page.locator("#submit")).hasCount(0);
        assertThat(page.locator("#remove-release")).hasCount(0);
        Screens.shoot(page, "editor-read-only");

        long removal = api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("remove", "team-web")).json().get("id").asLong();
        api.post("/api/v1/change-requests/" + removal + "/merge", Auth.user("admin"), Map.of("overrideReason", "browser test"));
    }
}
