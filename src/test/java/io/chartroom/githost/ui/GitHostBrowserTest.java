package io.chartroom.githost.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Page;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.GitHostStubs;
import io.chartroom.fixtures.GitHttpRemote;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An admin sets up a Git host as they would: wrong input marked by field, a connection test that says what is missing, then saved. */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class GitHostBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void anAdminTestsAndSavesAGitHubHost(Page page) throws Exception {
        WireMockServer github = new WireMockServer(options().dynamicPort());
        github.start();
        try {
            github.stubFor(get(urlEqualTo("/repos/acme/gitops")).withHeader("Authorization", equalTo("Bearer tok3n"))
                    .willReturn(okJson("{\"default_branch\": \"main\", \"permissions\": {\"push\": true}}").withHeader("X-OAuth-Scopes", "repo")));
            github.stubFor(get(urlEqualTo("/repos/acme/gitops/branches/main")).withHeader("Authorization", equalTo("Bearer tok3n"))
                    .willReturn(okJson("{\"name\": \"main\", \"protected\": false}")));
            String base = "http://localhost:" + port;
            Screens.login(page, base, "admin");
            page.navigate(base + "/admin/git-host");
            assertThat(page.locator("#git-host-state")).containsText("No Git host");
            Screens.shoot(page, "git-host-empty");

            page.locator("#git-host-kind").click();
            page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("GitHub")).click();
            page.locator("#git-host-api-url input").fill("not a url");
            page.locator("#git-host-repository input").fill("acme/gitops");
            page.locator("#git-host-save").click();
            assertThat(page.locator("#git-host-api-url")).hasAttribute("invalid", "");
            assertThat(page.locator("#git-host-token")).hasAttribute("invalid", "");

            page.locator("#git-host-api-url input").fill(github.baseUrl());
            // a GitHub App instead of a token: its fields, each checked where it is typed
            page.locator("#git-host-sign-in vaadin-radio-button", new Page.LocatorOptions().setHasText("A GitHub App")).click();
            assertThat(page.locator("#git-host-token")).isHidden();
            page.locator("#git-host-app-id input").fill("123456");
            page.locator("#git-host-installation-id input").fill("77");
            page.locator("#git-host-app-key textarea").fill("ghp_not-a-key");
            page.locator("#git-host-save").click();
            assertThat(page.locator("#git-host-app-key")).hasAttribute("invalid", "");
            assertThat(page.locator("#git-host-app-key")).containsText("not a private key in PEM form");
            Screens.shoot(page, "git-host-app-invalid");
            page.locator("#git-host-sign-in vaadin-radio-button", new Page.LocatorOptions().setHasText("An access token")).click();
            page.locator("#git-host-token input").fill("tok3n");
            page.locator("#git-host-test").click();
            assertThat(page.locator("#git-host-verdict")).containsText("Chartroom can open pull requests there");
            assertThat(page.locator("#git-host-report")).containsText("main is not protected");
            Screens.shoot(page, "git-host-tested");

            page.locator("#git-host-webhook-secret input").fill("a-webhook-secret-of-length");
            page.locator("#git-host-save").click();
            assertThat(page.locator("#git-host-state")).containsText("Change requests open pull requests on GitHub");
            assertThat(page.locator("#git-host-token input")).hasValue("");
            assertThat(page.locator("#git-host-webhook-help")).containsText("/api/v1/git-host/webhook");
            Screens.shoot(page, "git-host-saved");

            // a change request now opens a pull request there, and its page links to it
            try (GitHttpRemote remote = new GitHttpRemote("acme/gitops", "x-access-token", "tok3n")) {
                github.resetAll();
                new GitHostStubs("GITHUB", github, "tok3n").pullRequest(remote, 5, 50);
                long id = new ChangeRequests(new ApiClient(port)).propose(Auth.user("developer"),
                        ChangeRequests.release("browser-pr", "replicaCount: 2\n", Map.of("dev", "")), null).get("id").asLong();
                page.navigate(base + "/change-requests/" + id);
                assertThat(page.locator("#cr-pull-request")).hasText("Pull request #5 on GitHub");
                assertThat(page.locator("#cr-pull-request")).hasAttribute("href", "https://github.example/acme/gitops/pull/5");
                Screens.shoot(page, "git-host-change-request");
                jdbc.sql("delete from git_host").update();
                new ApiClient(port).post("/api/v1/change-requests/" + id + "/close", Auth.user("developer"), Map.of());
            }
        } finally {
            github.stop();
            jdbc.sql("delete from git_host").update();
        }
    }
}
