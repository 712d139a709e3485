package io.chartroom.catalog.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A user searches the catalog, opens a chart and switches versions; an admin syncs a repository and sees the result live. */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class CatalogBrowserTest {

    @LocalServerPort int port;

    @Test
    void searchOpenAChartAndSwitchVersions(Page page) {
        String base = "http://localhost:" + port;
        Screens.login(page, base, "developer");
        Screens.navItem(page, "Catalog").click();
        Locator grid = page.locator("#catalog-grid");
        assertThat(grid).containsText("web-service");
        Screens.shoot(page, "catalog");
        // other tests of this context register more repositories: the grid pages lazily, so find the second sample by search
        page.locator("#catalog-search input").fill("worker");
        assertThat(grid).containsText("worker");

        page.locator("#catalog-search input").fill("storefr");
        assertThat(page.locator("#catalog-count")).hasText("1 chart");
        assertThat(grid).containsText("shop");
        page.locator("#catalog-search input").fill("web");
        assertThat(grid).containsText("web-service");
        Screens.shoot(page, "catalog-search");

        // the lazy grid keeps recycled rows hidden in the page: click the one shown
        grid.locator(".chart-name:visible").getByText("web-service", new Locator.GetByTextOptions().setExact(true)).click();
        page.waitForURL("**/catalog/chartroom-samples/web-service");
        assertThat(page.locator("#chart-title")).hasText("web-service");
        assertThat(page.locator("#readme h1")).hasText("web-service");
        assertThat(page.locator("#readme table")).isVisible();
        assertThat(page.locator("#chart-facts")).containsText("3 versions");
        assertThat(page.locator("#chart-facts")).containsText("app version 2.4.1");
        assertThat(page.locator("#chart-facts")).containsText("has a values schema");
        Screens.shoot(page, "chart-readme");

        page.locator("#version-picker").click();
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText("1.0.0")).click();
        page.waitForURL("**/catalog/chartroom-samples/web-service/1.0.0");
        assertThat(page.locator("#chart-facts")).containsText("app version 2.2.0");

        page.locator("#chart-tabs vaadin-tab").filter(new Locator.FilterOptions().setHasText("Default values")).click();
        assertThat(page.locator("#values-yaml")).containsText("# Number of pods when autoscaling is off");
        Screens.shoot(page, "chart-values");
        page.locator("#chart-tabs vaadin-tab").filter(new Locator.FilterOptions().setHasText("Values schema")).click();
        assertThat(page.locator("#values-schema")).containsText("\"enum\"");

        page.navigate(base + "/catalog/chartroom-samples/shop");
        page.locator("#chart-tabs vaadin-tab").filter(new Locator.FilterOptions().setHasText("Dependencies")).click();
        assertThat(page.locator("#dependencies")).containsText("chartroom-samples 1.2.0");
        Screens.shoot(page, "chart-dependencies");
    }

    @Test
    void anAdminSyncsARepositoryAndSeesTheResultLive(Page page) {
        String base = "http://localhost:" + port;
        Screens.login(page, base, "admin");
        Screens.navItem(page, "Repositories").click();
        Locator result = page.locator("#sync-result-chartroom-samples");
        assertThat(result).containsText("synced");
        page.locator("#sync-chartroom-samples").click();
        // the result is replaced live, through push, when the sync ends
        assertThat(result).containsText("the index has not changed");
        Screens.shoot(page, "repositories");

        page.locator("#register-repository").click();
        page.locator("#repo-name input").fill("Not Valid");
        page.locator("#repo-url input").fill("http://169.254.169.254/latest/");
        page.locator("#save-repository").click();
        assertThat(page.locator("#repo-name")).hasAttribute("invalid", "");
        assertThat(page.locator("#repo-name")).containsText("lowercase letters");
        page.locator("#repo-name input").fill("metadata");
        page.locator("#save-repository").click();
        assertThat(page.locator("#repo-url")).containsText("always refused");
        Screens.shoot(page, "repository-dialog-errors");
    }
}
