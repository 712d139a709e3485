package io.chartroom.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every main page at 1280x800 (a laptop) and 1920x1080: no primary button (Submit, Merge, Create, ...) lies outside
 * the window's width, where a user would have to scroll sideways or could not reach it at all. Screenshots of each
 * page at both widths land in target/screenshots/width-*.
 */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class PageWidthBrowserTest {

    @LocalServerPort int port;

    @Test
    void primaryButtonsStayInsideTheWindowAt1280And1920(Page page) {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        long cr = changes.propose(Auth.user("developer"), ChangeRequests.release("width-web", "replicaCount: 2\n", Map.of("dev", "", "production", "")),
                null).get("id").asLong();
        api.post("/api/v1/change-requests/" + cr + "/merge", Auth.user("admin"), Map.of("overrideReason", "browser test"));
        Screens.login(page, base, "admin");
        Screens.newRelease(page, base, "chartroom-samples/web-service");
        String editor = page.url().substring(base.length());
        List<String> pages = List.of("/", "/catalog", "/catalog/chartroom-samples/web-service", "/releases", "/pipeline", "/change-requests",
                "/change-requests/" + cr, editor, "/releases/width-web", "/releases/width-web/versions", "/problems", "/repository", "/clusters", "/clusters/sim-dev", "/tokens",
                "/admin/users", "/admin/repositories", "/admin/environments", "/admin/approval-policies", "/admin/audit", "/admin/settings", "/admin/git-host", "/admin/notifications");
        List<String> outside = new ArrayList<>();
        for (int[] size : new int[][] {{1280, 800}, {1920, 1080}}) {
            page.setViewportSize(size[0], size[1]);
            for (String path : pages) {
                page.navigate(base + path);
                Screens.waitForVaadin(page);
                Object found = page.evaluate("""
                        () => [...document.querySelectorAll('vaadin-button[theme~="primary"]')]
                          .filter(b => b.offsetParent !== null)
                          .map(b => ({text: b.textContent.trim(), box: b.getBoundingClientRect()}))
                          .filter(b => b.box.left < 0 || b.box.right > document.documentElement.clientWidth)
                          .map(b => b.text + ' at ' + Math.round(b.box.left) + '..' + Math.round(b.box.right))""");
                if (found instanceof List<?> list && !list.isEmpty()) {
                    outside.add(size[0] + " px " + path + ": " + list);
                }
                Screens.shoot(page, "width-" + size[0] + path.replaceAll("[^a-z0-9]+", "-").replaceAll("-$", ""));
            }
        }
        long removal = api.post("/api/v1/change-requests", Auth.user("developer"), Map.of("remove", "width-web")).json().get("id").asLong();
        api.post("/api/v1/change-requests/" + removal + "/merge", Auth.user("admin"), Map.of("overrideReason", "browser test"));
        assertThat(outside).as("primary buttons outside the window").isEmpty();
    }
}
