package io.chartroom.adoption.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A developer reads the repository as helmfile from the Repository page: progress while the workers run, then what was read. */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class HelmfileImportBrowserTest {

    @LocalServerPort int port;

    @Test
    void aDeveloperReadsMainAsHelmfile(Page page) {
        new ChangeRequests(new ApiClient(port)).awaitSamples();
        String base = "http://localhost:" + port;
        Screens.login(page, base, "developer");
        page.navigate(base + "/repository");
        page.locator("#repository-helmfile").click();
        page.locator("#helmfile-read").click();
        // what main holds depends on what other tests merged before: the page says what it read, whatever that is
        // the read renders every template of every release on main in the render workers: seconds, more on a busy machine
        assertThat(page.locator("#helmfile-summary")).containsText("release(s) in Chartroom",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(page.locator("#helmfile-environments")).containsText("Environment");
        assertThat(page.locator("#helmfile-progress")).isHidden();
        Screens.shoot(page, "helmfile-read");
    }
}
