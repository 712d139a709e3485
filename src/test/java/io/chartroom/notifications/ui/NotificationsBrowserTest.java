package io.chartroom.notifications.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Page;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An admin adds a webhook, is told what is wrong first, sends it a test and sees it delivered in the log. */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class NotificationsBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void anAdminAddsAWebhookAndSeesItsTestDelivered(Page page) {
        WireMockServer receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        try {
            receiver.stubFor(post(urlEqualTo("/hooks/ui")).willReturn(ok()));
            String base = "http://localhost:" + port;
            Screens.login(page, base, "admin");
            page.navigate(base + "/admin/notifications");
            assertThat(page.locator("#targets-grid")).containsText("No targets yet");
            Screens.shoot(page, "notifications-empty");

            page.locator("#target-name input").fill("Ops Hook");
            page.locator("#target-url input").fill(receiver.baseUrl() + "/hooks/ui");
            page.locator("#target-add").click();
            assertThat(page.locator("#target-name")).hasAttribute("invalid", "");
            assertThat(page.locator("#target-events")).hasAttribute("invalid", "");

            page.locator("#target-name input").fill("ops-hook");
            page.locator("#target-events vaadin-checkbox", new Page.LocatorOptions().setHasText("Change request merged")).click();
            page.locator("#target-add").click();
            assertThat(page.locator("#targets-grid")).containsText("ops-hook");
            page.locator("#targets-grid vaadin-button", new Page.LocatorOptions().setHasText("Send test")).click();
            assertThat(page.locator("#deliveries-grid")).containsText("Test notification from Chartroom to ops-hook");
            assertThat(page.locator("#deliveries-grid")).containsText("delivered");
            Screens.shoot(page, "notifications-delivered");
        } finally {
            receiver.stop();
            jdbc.sql("delete from notification_target").update();
        }
    }
}
