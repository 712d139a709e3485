package io.chartroom.changes.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import io.chartroom.gitops.service.GitOpsRepository;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The review flow with two people in two browsers: a developer submits a release from the editor, an approver
 * reviews the per-cluster diff and approves; a second approval arrives meanwhile (API) and the approver's page
 * updates by itself; the approver merges and main has the release.
 */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class ChangeRequestBrowserTest {

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void submitApproveAndMerge(Page developer, Page approver) {
        String base = "http://localhost:" + port;
        new ChangeRequests(new ApiClient(port)).awaitSamples();
        // a draft of this chart that another test left for developer would come back in the editor with its own choices
        jdbc.sql("delete from saved_draft where username = 'developer'").update();
        Screens.login(developer, base, "developer");
        Screens.newRelease(developer, base, "chartroom-samples/web-service");
        developer.locator("#release-name input").fill("review-web");
        developer.locator("#release-namespace input").fill("shop");
        developer.locator("#release-namespace input").press("Tab");
        developer.locator("#release-environments vaadin-checkbox").filter(new Locator.FilterOptions().setHasText("dev")).click();
        developer.locator("#release-environments vaadin-checkbox").filter(new Locator.FilterOptions().setHasText("production")).click();
        developer.locator("#layer-tabs vaadin-tab").filter(new Locator.FilterOptions().setHasText("production")).click();
        developer.locator("#production-field-replicaCount input").fill("4");
        developer.locator("#production-field-replicaCount input").press("Enter");
        assertThat(developer.locator("#problems-summary")).hasText("No problems.");
        assertThat(developer.locator("#submit")).isEnabled();
        developer.locator("#submit").click();
        assertThat(developer.locator("#submit-title input")).hasValue("Create review-web (web-service 1.2.0)");
        developer.locator("#submit-description textarea").fill("First release of the **review** service.");
        Screens.shoot(developer, "change-request-submit");
        developer.locator("#submit-confirm").click();
        developer.waitForURL("**/change-requests/*");
        String url = developer.url();
        long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        assertThat(developer.locator("#cr-state")).hasText("open");
        assertThat(developer.locator("#cr-policy")).containsText("production: 2 approvals from an APPROVER");
        assertThat(developer.locator("#approve")).hasCount(0);
        assertThat(developer.locator("#cr-committers")).hasText("Commits: DEVELOPERs (and up) of team payments and ADMINs; "
                + "whoever authors a commit cannot approve it.");

        Screens.login(approver, base, "approver");
        approver.navigate(base + "/change-requests");
        approver.locator("#filter-waiting").click();
        assertThat(approver.locator("#change-requests")).containsText("Create review-web");
        Screens.shoot(approver, "change-requests-waiting");
        approver.navigate(base + "/change-requests/" + id);
        Locator production = approver.locator("#cr-env-production");
        assertThat(production).containsText("sim-production · Kubernetes v1.31.2");
        assertThat(production).containsText("2 added");
        assertThat(approver.locator("#cr-env-production yaml-diff").first()).containsText("replicaCount: 4");
        assertThat(approver.locator("#cr-checks")).containsText("Render: Renders in every environment");
        assertThat(approver.locator("#merge")).isDisabled();
        Screens.shoot(approver, "change-request-diff");

        approver.locator("#approve").click();
        assertThat(approver.locator("#cr-policy")).containsText("approved by approver");
        // the second approval arrives from elsewhere: the open page updates by itself
        assertThat(new ApiClient(port).post("/api/v1/change-requests/" + id + "/approve", Auth.user("approver2"), Map.of()).status()).isEqualTo(200);
        assertThat(approver.locator("#merge")).isEnabled();
        assertThat(developer.locator("#cr-policy")).containsText("approved by approver, approver2");
        Screens.shoot(approver, "change-request-approved");

        approver.locator("#merge").click();
        assertThat(approver.locator("#cr-state")).hasText("merged");
        assertThat(developer.locator("#cr-state")).hasText("merged");
        assertThat(gitops.read(gitops.main(), "releases/review-web/values/review-web--production.yaml")).contains("replicaCount: 4\n");
        approver.locator("#tab-conversation").click();
        assertThat(approver.locator("#cr-conversation")).containsText("merged it");
        Screens.shoot(approver, "change-request-merged");
    }
}
