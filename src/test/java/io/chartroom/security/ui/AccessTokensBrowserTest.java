package io.chartroom.security.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A user creates a token in the UI, sees it once, uses it against the API, and revokes it. */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class AccessTokensBrowserTest {

    @LocalServerPort int port;

    @Test
    void createUseAndRevokeAToken(Page page) {
        String base = "http://localhost:" + port;
        Screens.login(page, base, "developer2");
        page.navigate(base + "/tokens");
        assertThat(page.locator("text=You have no access tokens yet")).isVisible();
        Screens.shoot(page, "tokens-empty");

        page.locator("#new-token").click();
        page.locator("#create-token").click();
        assertThat(page.locator("#token-name")).hasAttribute("invalid", "");
        page.locator("#token-name input").fill("deploy script");
        Screens.shoot(page, "tokens-create-dialog");
        page.locator("#create-token").click();
        String secret = page.locator("#token-secret input").inputValue();
        assertThat(secret).startsWith("crp_");
        Screens.shoot(page, "tokens-shown-once");
        page.locator("#token-done").click();

        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/v1/me", Auth.bearer(secret)).json().get("username").asString()).isEqualTo("developer2");

        assertThat(page.locator("#tokens")).containsText("deploy script");
        assertThat(page.locator("#tokens")).not().containsText(secret);
        page.locator("#tokens vaadin-button:has-text('Revoke')").click();
        page.locator("#confirm-revoke").click();
        assertThat(page.locator("#tokens")).containsText("Revoked");
        Screens.shoot(page, "tokens-revoked");
        assertThat(api.get("/api/v1/me", Auth.bearer(secret)).status()).isEqualTo(401);
    }
}
