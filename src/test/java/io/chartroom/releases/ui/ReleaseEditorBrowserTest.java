package io.chartroom.releases.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.OpenTabs;
import io.chartroom.fixtures.Screens;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * A developer describes a release of the sample web chart: base values and a production override, a schema
 * error shown on its field, fixed, and the preview of what production renders.
 */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class ReleaseEditorBrowserTest {

    @LocalServerPort int port;
    @Autowired WebServerApplicationContext server;

    @Test
    void describeAReleaseWithAProductionOverrideSeeAndFixASchemaErrorAndPreview(Page page) {
        String base = "http://localhost:" + port;
        Screens.login(page, base, "developer");
        Screens.newRelease(page, base, "chartroom-samples/web-service");
        assertKeepsASmallAnswer(page);

        page.locator("#release-name input").fill("Shop_Web");
        assertThat(page.locator("#release-name")).hasAttribute("invalid", "");
        assertThat(page.locator("#release-name")).containsText("DNS-1123");
        page.locator("#release-name input").fill("shop-web");
        assertThat(page.locator("#release-name")).not().hasAttribute("invalid", "");
        page.locator("#release-namespace input").fill("shop");
        page.locator("#release-namespace input").press("Tab");
        page.locator("#release-environments vaadin-checkbox").filter(new Locator.FilterOptions().setHasText("dev")).click();
        page.locator("#release-environments vaadin-checkbox").filter(new Locator.FilterOptions().setHasText("production")).click();

        // base values in the form
        setField(page, "#base-field-replicaCount input", "3");
        setField(page, "#base-field-image_repository input", "ghcr.io/acme/shop");
        // an enum's field offers the schema's options; what applies without a value is its placeholder
        assertThat(page.locator("#base-field-service_type input")).hasAttribute("placeholder", "(inherited: ClusterIP)");
        page.locator("#base-field-service_type").click();
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText("NodePort")).click();
        Screens.shoot(page, "release-editor-base");
        page.locator("#yaml-tab-base").click();
        assertThat(page.locator("#yaml-base")).containsText("type: NodePort");
        assertThat(page.locator("#yaml-base")).containsText("repository: ghcr.io/acme/shop");
        assertThat(page.locator("#yaml-base")).containsText("replicaCount: 3");
        page.locator("#form-tab-base").click();

        // production overrides replicas beyond the schema's maximum
        page.locator("#layer-tabs vaadin-tab").filter(new Locator.FilterOptions().setHasText("production")).click();
        assertThat(page.locator("#production-field-replicaCount input")).hasAttribute("placeholder", "3");
        setField(page, "#production-field-replicaCount input", "50");
        Locator field = page.locator("#production-field-replicaCount");
        assertThat(field).hasAttribute("invalid", "");
        assertThat(field).containsText("20");
        assertThat(page.locator("#problems")).containsText("production replicaCount");
        assertThat(page.locator("#problems-summary")).containsText("1 error");
        Screens.shoot(page, "release-editor-schema-error");

        setField(page, "#production-field-replicaCount input", "5");
        assertThat(field).not().hasAttribute("invalid", "");
        assertThat(page.locator("#problems-summary")).hasText("No problems.");
        assertThat(page.locator("#layer-production .override-badge")).containsText("overrides 3");

        // the preview renders production with the override
        // (it follows the layer being edited: production's tab is open)
        assertThat(page.locator("#preview-environment vaadin-select-value-button")).hasText("production");
        assertThat(page.locator("#preview-manifests")).containsText("Deployment (1)");
        page.locator("#preview-manifests vaadin-details").filter(new Locator.FilterOptions().setHasText("Deployment")).first().click();
        assertThat(page.locator("#preview-manifests")).containsText("replicas: 5");
        assertThat(page.locator("#preview-manifests")).containsText("image: \"ghcr.io/acme/shop:2.4.1\"");
        Screens.shoot(page, "release-editor-preview");

        // the YAML tab shows only what production changes
        page.locator("#yaml-tab-production").click();
        assertThat(page.locator("#yaml-production")).containsText("replicaCount: 5");
        Screens.shoot(page, "release-editor-yaml");
    }

    /** A draft is kept server-side: leaving asks, Back and a reload bring it back, and it can be discarded. */
    @Test
    void leavingADraftAsksAndBackOrAReloadBringsItBack(Page page) {
        String base = "http://localhost:" + port;
        // developer's own draft of this chart version is the other test's (never submitted): one draft per user and page
        Screens.login(page, base, "developer2");
        Screens.newRelease(page, base, "chartroom-samples/web-service");
        String editor = page.url();
        assertThat(page.locator("#draft-state")).isHidden();
        page.locator("#release-name input").fill("kept-web");
        page.locator("#release-name input").press("Tab");
        setField(page, "#base-field-replicaCount input", "4");
        assertThat(page.locator("#draft-state")).hasText("Draft saved");

        Screens.navItem(page, "Releases").click();
        assertThat(page.getByText("Leave this draft?")).isVisible();
        Screens.shoot(page, "release-editor-leave-draft");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stay")).click();
        assertThat(page).hasURL(editor);
        Screens.navItem(page, "Releases").click();
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave, keep draft")).click();
        page.waitForURL(base + "/releases");
        // Back once the releases page is there (a popstate while the navigation is still in flight is dropped)
        assertThat(page.locator("#releases")).isVisible();
        Screens.waitForVaadin(page);

        page.goBack();
        page.waitForURL(editor);
        assertThat(page.locator("#release-name input")).hasValue("kept-web");
        assertThat(page.locator("#base-field-replicaCount input")).hasValue("4");
        assertThat(page.locator("#draft-state")).containsText("is back");
        page.reload();
        assertThat(page.locator("#release-name input")).hasValue("kept-web");
        Screens.shoot(page, "release-editor-draft-restored");

        page.locator("#discard-draft").click();
        assertThat(page.locator("#release-name input")).hasValue("");
        assertThat(page.locator("#draft-state")).isHidden();
        // nothing changed: leaving does not ask
        Screens.navItem(page, "Releases").click();
        page.waitForURL(base + "/releases");
        page.navigate(editor);
        assertThat(page.locator("#release-name input")).hasValue("");
    }

    private static void setField(Page page, String selector, String value) {
        Locator input = page.locator(selector);
        input.fill(value);
        input.press("Enter");
    }

    /**
     * Flow keeps each tab's last answer to resend it; the editor's page is a tab's largest, and the browser's round trip
     * right after it (KeptResponse) leaves Flow keeping that small answer while the tab stays open.
     */
    private void assertKeepsASmallAnswer(Page page) {
        Screens.waitForVaadin(page);
        String sessionId = page.context().cookies().stream().filter(c -> c.name.equals("JSESSIONID")).findFirst().orElseThrow().value;
        OpenTabs.Tab tab = OpenTabs.withSessionId(server, sessionId);
        List<Integer> kept = tab.uis().stream()
                .map(ui -> OpenTabs.locked(tab.vaadin(), () -> ui.getInternals().getLastRequestResponse()))
                .map(answer -> answer == null ? 0 : answer.length()).toList();
        org.assertj.core.api.Assertions.assertThat(kept).as("the length of the answer each UI of the tab keeps").isNotEmpty()
                .allMatch(length -> length < 4096);
    }
}
