package io.chartroom.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.TestSettings;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Login through a real OIDC issuer (mock-oauth2-server), with groups mapped to roles and teams. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestSettings.POSTGRES_DIRECTORY, TestSettings.POSTGRES_CLEAN, TestSettings.DATABASE, TestSettings.DATA_DIR,
        "chartroom.security.group-mappings[0].group=platform-admins",
        "chartroom.security.group-mappings[0].roles=ADMIN",
        "chartroom.security.group-mappings[0].teams=platform",
        "chartroom.security.group-mappings[1].group=payments-devs",
        "chartroom.security.group-mappings[1].roles=DEVELOPER",
        "chartroom.security.group-mappings[1].teams=payments"})
class OidcLoginTest {

    static final MockOAuth2Server issuer = new MockOAuth2Server();
    static final String ISSUER_ID = "corp";
    static final String CLIENT_ID = "chartroom-test";

    static {
        issuer.start(InetAddress.getLoopbackAddress(), 0);
    }

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("chartroom.security.oidc.issuer-uri", () -> issuer.issuerUrl(ISSUER_ID).toString());
        registry.add("chartroom.security.oidc.client-id", () -> CLIENT_ID);
        registry.add("chartroom.security.oidc.client-secret", () -> "test-secret");
    }

    @AfterAll
    static void stop() {
        issuer.shutdown();
    }

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void groupsMapToRolesAndTeamsAndTheLoginIsAudited() throws Exception {
        HttpResponse<String> page = loginAs("carol", List.of("platform-admins", "payments-devs", "unrelated"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/");
        Map<String, Object> user = jdbc.sql("select array_to_string(roles, ',') roles, array_to_string(teams, ',') teams, source "
                + "from app_user where username = 'carol'").query().singleRow();
        assertThat(user.get("roles")).isEqualTo("ADMIN,APPROVER,DEVELOPER,VIEWER");
        assertThat(user.get("teams")).isEqualTo("payments,platform");
        assertThat(user.get("source")).isEqualTo("OIDC");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'auth.login' and actor = 'carol' and outcome = 'SUCCESS'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aUserWithoutAMappedGroupIsRefusedWithAReason() throws Exception {
        HttpResponse<String> page = loginAs("mallory", List.of("contractors"));

        assertThat(page.uri().getPath()).isEqualTo("/login-failed");
        assertThat(jdbc.sql("select count(*) from app_user where username = 'mallory'").query(Long.class).single()).isZero();
        String details = jdbc.sql("select details from audit_event where action = 'auth.login' and outcome = 'FAILURE' "
                + "and actor = 'mallory'").query(String.class).single();
        assertThat(details).contains("no group that Chartroom maps to a role").contains("contractors");
    }

    @Test
    void theApiAcceptsTheIssuersJwtsAndRejectsOtherAudiencesAndBasicAuth() {
        ApiClient api = new ApiClient(port);
        String jwt = issuer.issueToken(ISSUER_ID, "dave", CLIENT_ID,
                Map.of("groups", List.of("payments-devs"), "preferred_username", "dave", "name", "Dave Dev")).serialize();
        JsonNode me = api.get("/api/v1/me", Auth.bearer(jwt)).json();
        assertThat(me.get("username").asString()).isEqualTo("dave");
        assertThat(me.get("displayName").asString()).isEqualTo("Dave Dev");
        assertThat(me.get("roles").valueStream().map(JsonNode::asString)).containsExactly("VIEWER", "DEVELOPER");
        assertThat(me.get("teams").valueStream().map(JsonNode::asString)).containsExactly("payments");

        String otherAudience = issuer.issueToken(ISSUER_ID, "dave", "some-other-app", Map.of("groups", List.of("payments-devs"))).serialize();
        assertThat(api.get("/api/v1/me", Auth.bearer(otherAudience)).status()).isEqualTo(401);

        String noGroup = issuer.issueToken(ISSUER_ID, "erin", CLIENT_ID, Map.of("groups", List.of("contractors"))).serialize();
        ApiClient.Response forbidden = api.get("/api/v1/me", Auth.bearer(noGroup));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");

        // the development users do not exist when an issuer is configured
        assertThat(api.get("/api/v1/me", Auth.user("admin")).status()).isEqualTo(401);
    }

    /** The browser's redirect dance: portal, issuer (which signs the user in at once), callback, portal. */
    private HttpResponse<String> loginAs(String subject, List<String> groups) throws Exception {
        issuer.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID),
                Map.of("groups", groups, "preferred_username", subject, "name", subject.toUpperCase()), 3600));
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
