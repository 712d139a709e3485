package io.chartroom.environments.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin proposes a new environment on the Environments page and lands on its change request, which shows the
 * environment's settings and which releases it affects; the admin cannot approve it, a second admin approves and
 * merges it, and the environment is listed once main says so.
 */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class EnvironmentProposalBrowserTest {

    @LocalServerPort int port;

    @Test
    void anEnvironmentIsProposedReviewedByAnotherAdminAndAppliedOnMerge(Page page) {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        Screens.login(page, base, "admin");
        page.navigate(base + "/admin/environments");
        assertThat(page.locator(".view-intro")).containsText("proposed as a change request");
        page.locator("#new-environment").click();
        page.locator("#environment-name input").fill("qa-ui");
        page.locator("#environment-selector input").fill("env=qa-ui");
        page.locator("#save-environment").click();
        page.waitForURL("**/change-requests/*");
        assertThat(page.locator("#cr-title")).containsText("Add environment qa-ui");
        assertThat(page.locator("vaadin-app-layout")).containsText("proposes to change the environments");
        assertThat(page.locator("#tab-changes")).isVisible();
        assertThat(page.locator("vaadin-app-layout")).containsText("clusterSelector: env=qa-ui");
        assertThat(page.locator("#cr-policy")).containsText("ADMIN");
        assertThat(page.locator("#approve")).hasCount(0); // its author never approves it
        Screens.shoot(page, "environment-proposal");
        String url = page.url();

        BrowserContext second = page.context().browser().newContext();
        try {
            Page other = second.newPage();
            Screens.login(other, base, "admin2");
            other.navigate(url);
            other.locator("#approve").click();
            assertThat(other.locator("#merge")).isEnabled();
            other.locator("#merge").click();
            assertThat(other.locator("#cr-state")).containsText("merged");
        } finally {
            second.close();
        }
        page.navigate(base + "/admin/environments");
        assertThat(page.locator("#environments")).containsText("qa-ui");
        Screens.shoot(page, "environments");
        Environments.remove(api, "qa-ui");
    }
}
