package io.chartroom.releases.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.Screens;
import io.chartroom.fixtures.TestCharts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The values form and its YAML agree (src/test/resources/charts/form-shapes): a fresh form shows no error before
 * typing; a map of objects the schema describes is a form; secrets are told by schema, or by name when empty;
 * descriptions render their Markdown; a wrong-typed value typed in YAML shows on the form as it is, marked; the
 * preview follows the layer being edited.
 */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class ValuesFormBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void theFormAndItsYamlAgree(Page page) {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        byte[] tgz = TestCharts.packDirectory(Path.of("src/test/resources/charts/form-shapes"));
        try (ChartRepositoryServer server = new ChartRepositoryServer().file("form-shapes-1.0.0.tgz", tgz)) {
            server.index("apiVersion: v1\nentries:\n  form-shapes:\n"
                    + TestCharts.indexEntry("form-shapes", "1.0.0", TestCharts.sha256(tgz), "form-shapes-1.0.0.tgz"));
            assertThat(api.post("/api/v1/repositories", Auth.user("admin"), Map.of("name", "form-shapes", "url", server.url())).status())
                    .isEqualTo(201);
            Poll.until(Duration.ofSeconds(60), () -> api.get("/api/v1/charts/form-shapes/form-shapes", Auth.user("viewer")).status(),
                    status -> status == 200);
            jdbc.sql("delete from saved_draft where username = 'developer'").update();

            Screens.login(page, base, "developer");
            Screens.newRelease(page, base, "form-shapes/form-shapes");

            // fresh: nothing marked before typing; what is missing is a to-do list
            assertThat(page.locator("#problems-summary")).hasText("To submit, fill in what is listed below.");
            page.locator("#release-name input").fill("form-web");
            page.locator("#release-name input").press("Tab");
            assertThat(page.locator("#release-namespace")).not().hasAttribute("invalid", "");
            assertThat(page.locator("#release-environments")).not().hasAttribute("invalid", "");

            // a map of objects the schema describes field by field is a form, not "(edit in YAML)"
            assertThat(page.locator("#base-section-ports")).hasAttribute("opened", "");
            assertThat(page.locator("#base-field-ports_web_port input")).hasAttribute("placeholder", "8000");
            assertThat(page.locator("#base-field-ports_web_protocol")).isVisible();
            assertThat(page.locator("#layer-base")).not().containsText("edit in YAML");

            // secrets by schema, or by name when the chart leaves them empty
            assertThat(page.locator("#base-field-apiToken vaadin-icon[icon='vaadin:key']")).hasCount(1);
            assertThat(page.locator("#base-field-adminPassword vaadin-icon[icon='vaadin:key']")).hasCount(1);
            assertThat(page.locator("#base-field-tokenTTL vaadin-icon[icon='vaadin:key']")).hasCount(0);
            assertThat(page.locator("#base-field-secretName vaadin-icon[icon='vaadin:key']")).hasCount(0);

            // descriptions render their Markdown, sanitized, and keep a placeholder in angles as text
            Locator note = page.locator("#base-field-note");
            assertThat(note.locator("code")).hasText("ConfigMap");
            assertThat(note.locator("a")).hasAttribute("href", "https://example.com/docs");
            assertThat(note).containsText("<release>-notes");
            Screens.shoot(page, "values-form-shapes");

            // a wrong type typed in YAML (values are checked per environment): on the form at once, as typed, marked
            page.locator("#release-environments vaadin-checkbox").filter(new Locator.FilterOptions().setHasText("dev")).click();
            page.locator("#release-environments vaadin-checkbox").filter(new Locator.FilterOptions().setHasText("production")).click();
            page.locator("#yaml-tab-base").click();
            page.locator("#yaml-base .cm-content").click();
            page.keyboard().press("Control+A");
            page.keyboard().type("replicas: five\n");
            page.locator("#form-tab-base").click();
            assertThat(page.locator("#base-field-replicas input")).hasValue("five");
            assertThat(page.locator("#base-field-replicas")).hasAttribute("invalid", "");
            Screens.shoot(page, "values-form-wrong-type");
            page.locator("#base-field-replicas input").fill("3");
            page.locator("#base-field-replicas input").press("Enter");
            assertThat(page.locator("#base-field-replicas")).not().hasAttribute("invalid", "");

            // the preview follows the layer being edited
            assertThat(page.locator("#preview-environment vaadin-select-value-button")).hasText("dev");
            page.locator("#layer-tabs vaadin-tab").filter(new Locator.FilterOptions().setHasText("production")).click();
            assertThat(page.locator("#preview-environment vaadin-select-value-button")).hasText("production");
        }
    }
}
