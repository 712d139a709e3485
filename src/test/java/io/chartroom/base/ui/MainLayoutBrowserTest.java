package io.chartroom.base.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.chartroom.fixtures.BrowserExtension;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Screens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each role logs in with the development login, sees its own navigation and identity, and logs out. */
@IntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
class MainLayoutBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "viewer,     Vera Viewer,    VIEWER,          false",
            "developer,  Dana Developer, DEVELOPER · team payments, false",
            "approver,   Alex Approver,  APPROVER · team payments,  false",
            "admin,      Ada Admin,      ADMIN · team platform,     true"})
    void eachRoleSeesOnlyWhatItMayOpen(String user, String name, String access, boolean seesAdminViews, Page page) {
        String base = "http://localhost:" + port;
        long auditedBefore = audited(user);
        Screens.login(page, base, user);

        assertThat(page.locator("#dev-login-banner")).containsText("Development login");
        assertThat(page.locator("#current-user")).hasText(name);
        assertThat(page.locator("#current-roles")).hasText(access);
        assertThat(page.locator("#welcome")).hasText("Welcome, " + name);
        assertThat(Screens.navItem(page, "Home")).isVisible();
        assertThat(Screens.navItem(page, "Access tokens")).isVisible();
        assertThat(Screens.navItem(page, "Users")).hasCount(seesAdminViews ? 1 : 0);
        Screens.shoot(page, "layout-" + user);

        // the repository's check is open to every role; the embedded default's repository reads completely
        page.navigate(base + "/repository");
        assertThat(page.locator("#repository-state")).hasText("Readable: every file on main is in Chartroom's layout");
        assertThat(page.locator("#repository-banner")).hasCount(0);
        if (user.equals("viewer")) {
            Screens.shoot(page, "repository");
        }

        // objects that do not exist and routes that do not: the portal's own page, inside the layout
        if (user.equals("viewer")) {
            for (String[] missing : new String[][] {{"/releases/nope", "Release nope does not exist"},
                    {"/change-requests/999999", "Change request #999999 does not exist"}, {"/clusters/nope", "Cluster nope does not exist"},
                    {"/catalog/x/y", "x/y does not exist"}, {"/no/such/page", "does not exist"}}) {
                page.navigate(base + missing[0]);
                assertThat(page.locator("#not-found")).containsText(missing[1]);
                assertThat(Screens.navItem(page, "Home")).isVisible();
                assertThat(page).hasTitle(java.util.regex.Pattern.compile("(Page )?[Nn]ot found"));
            }
            Screens.shoot(page, "not-found");
        }

        // an admin view typed into the address bar is refused for everyone else, not only hidden
        page.navigate(base + "/admin/users");
        if (seesAdminViews) {
            assertThat(page.locator("#users")).isVisible();
            Screens.shoot(page, "admin-users");
        } else {
            assertThat(page.locator("#not-found")).containsText("not open to your role");
            assertThat(page.locator("#users")).hasCount(0);
            Screens.shoot(page, "denied-" + user);
        }
        if (user.equals("admin")) {
            // a change freeze is said on every page while it holds
            page.navigate(base + "/admin/settings");
            page.locator("#setting-reconcile-paused input").check();
            assertThat(page.locator("vaadin-notification-card").last()).containsText("change freeze): on");
            page.navigate(base + "/releases");
            assertThat(page.locator("#paused-banner")).containsText("The reconciler is paused");
            Screens.shoot(page, "paused-banner");
            page.navigate(base + "/admin/settings");
            page.locator("#setting-reconcile-paused input").uncheck();
            assertThat(page.locator("vaadin-notification-card").last()).containsText("change freeze): off");
            page.navigate(base + "/releases");
            assertThat(page.locator("#paused-banner")).hasCount(0);
            // the names helmfile templates may read: checked as names when saved
            page.navigate(base + "/admin/settings");
            Locator allowlist = page.locator("#setting-helmfile-env-allowlist");
            allowlist.locator("input").fill("REGION, not a name");
            allowlist.locator("input").press("Enter");
            assertThat(allowlist).hasAttribute("invalid", "");
            assertThat(allowlist).containsText("'not a name' is not an environment variable name");
            Screens.shoot(page, "settings-allowlist-invalid");
            allowlist.locator("input").fill(" REGION , TIER ");
            allowlist.locator("input").press("Enter");
            assertThat(page.locator("vaadin-notification-card").last()).containsText("may read: saved");
            page.navigate(base + "/admin/settings");
            assertThat(page.locator("#setting-helmfile-env-allowlist input")).hasValue("REGION,TIER");
            page.locator("#setting-helmfile-env-allowlist input").fill("");
            page.locator("#setting-helmfile-env-allowlist input").press("Enter");
            assertThat(page.locator("vaadin-notification-card").last()).containsText("may read: saved");
        }
        for (String[] view : new String[][] {{"/admin/audit", "#audit-grid"}, {"/admin/settings", "#setting-reconcile-paused"}}) {
            page.navigate(base + view[0]);
            if (seesAdminViews) {
                assertThat(page.locator(view[1])).isVisible();
                Screens.shoot(page, view[0].substring(1).replace('/', '-'));
            } else {
                assertThat(page.locator("#not-found")).containsText("not open to your role");
                assertThat(page.locator(view[1])).hasCount(0);
            }
        }

        page.locator("#logout").click();
        page.waitForURL("**/login**");
        assertThat(page.locator("input[name=username]")).isVisible();
        assertThat(page.locator("#dev-login-banner")).isVisible();
        assertThat(audited(user) - auditedBefore).as("one login and one logout audited: "
                + jdbc.sql("select id, action, details from audit_event where actor = ?").param(user).query().listOfRows())
                .isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'auth.logout' and actor = ?")
                .param(user).query(Long.class).single()).isGreaterThanOrEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void theLoginPageNamesTheSampleUsersAndAWrongPasswordSaysSo(Page page) {
        page.navigate("http://localhost:" + port + "/login");
        assertThat(page.locator("#sample-users")).containsText("developer2");
        Screens.shoot(page, "login");
        page.locator("input[name=username]").fill("developer");
        page.locator("input[name=password]").fill("wrong");
        page.locator("vaadin-button[slot=submit], vaadin-button:has-text('Log in')").first().click();
        page.waitForURL("**/login?error**");
        assertThat(page.locator("vaadin-login-form")).containsText("Wrong user name or password");
        Screens.shoot(page, "login-error");
    }

    @org.junit.jupiter.api.Test
    void aLinkOpenedBeforeLoginOpensAfterItWithACleanAddress(Page page) {
        String base = "http://localhost:" + port;
        page.navigate(base + "/clusters");
        page.waitForURL("**/login");
        page.locator("input[name=username]").fill("viewer");
        page.locator("input[name=password]").fill("viewer");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.locator("#current-user")).isVisible();
        page.waitForURL(base + "/clusters");
        assertThat(page.url()).as("no ?continue left by the saved request").isEqualTo(base + "/clusters");
    }

    private long audited(String user) {
        return jdbc.sql("select count(*) from audit_event where actor = ? and action in ('auth.login', 'auth.logout') and outcome = 'SUCCESS'")
                .param(user).query(Long.class).single();
    }
}
