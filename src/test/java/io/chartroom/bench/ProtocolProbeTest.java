package io.chartroom.bench;

import com.microsoft.playwright.Page;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
@ExtendWith(BrowserExtension.class)
class ProtocolProbeTest {
    @LocalServerPort int port;

    @Test
    void probe(Page page) {
        String base = "http://localhost:" + port;
        page.onRequest(r -> System.out.println("[probe] " + r.method() + " " + r.url() + " " + (r.postData() == null ? "" : r.postData().substring(0, Math.min(600, r.postData().length())))));
        page.onResponse(r -> { if (r.url().contains("v-r=")) { try { String b = r.text(); System.out.println("[probe-resp] " + r.url() + " " + b.substring(0, Math.min(1500, b.length()))); } catch (Exception e) { } } });
        page.navigate(base + "/login");
        System.out.println("[probe] ---- login page loaded");
        Screens.login(page, base, "developer");
        System.out.println("[probe] ---- logged in");
        page.navigate(base + "/releases");
        page.locator("#releases").waitFor();
        System.out.println("[probe] ---- releases");
        page.locator("#releases-filter input").fill("x");
        page.locator("#releases-filter input").press("Tab");
        Screens.waitForVaadin(page);
    }
}
