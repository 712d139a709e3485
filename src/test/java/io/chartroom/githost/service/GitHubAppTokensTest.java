package io.chartroom.githost.service;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.chartroom.fixtures.GitHostStubs;
import io.chartroom.fixtures.GitHubAppKeys;
import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.domain.GitHostKind;
import io.chartroom.githost.domain.GitHubApp;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 18, item 1: a GitHub App's installation token is minted with a JWT signed by the app's key, kept for its hour
 * and renewed before it ends; the keys GitHub hands out (PKCS#1) and converted ones (PKCS#8) are read, others refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitHubAppTokensTest {

    static final KeyPair KEYS = GitHubAppKeys.generate();
    WireMockServer github;

    @BeforeAll
    void start() {
        github = new WireMockServer(options().dynamicPort());
        github.start();
    }

    @AfterAll
    void stop() {
        github.stop();
    }

    @Test
    void aTokenIsKeptForItsHourAndRenewedFiveMinutesBeforeItEnds() throws Exception {
        github.resetAll();
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        Instant[] now = {start};
        Clock clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        new GitHostStubs("GITHUB", github, "ghs_first").appInstallation(42, start.plus(Duration.ofHours(1)), GitHostStubs.appPermissionsNeeded());
        GitHost host = new GitHost(GitHostKind.GITHUB, github.baseUrl(), "acme/gitops", "admin", start, false, false, new GitHubApp("1234", 42));
        GitHubAppTokens tokens = new GitHubAppTokens(clock);
        String pem = GitHubAppKeys.pkcs1Pem(KEYS);

        assertThat(tokens.token(host, pem)).isEqualTo("ghs_first");
        now[0] = start.plus(Duration.ofMinutes(54));
        assertThat(tokens.token(host, pem)).isEqualTo("ghs_first");
        github.verify(1, postRequestedFor(urlEqualTo("/app/installations/42/access_tokens")));
        // the request names only the repository: the token reaches nothing else of the installation
        assertThat(github.findAll(postRequestedFor(urlEqualTo("/app/installations/42/access_tokens"))).getFirst().getBodyAsString())
                .isEqualTo("{\"repositories\":[\"gitops\"]}");

        new GitHostStubs("GITHUB", github, "ghs_second").appInstallation(42, start.plus(Duration.ofHours(2)), GitHostStubs.appPermissionsNeeded());
        now[0] = start.plus(Duration.ofMinutes(55));
        assertThat(tokens.token(host, pem)).as("renewed five minutes before its end").isEqualTo("ghs_second");
        github.verify(2, postRequestedFor(urlEqualTo("/app/installations/42/access_tokens")));
        // another installation is another token
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/app/installations/43/access_tokens"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Not Found\"}")));
        GitHost other = new GitHost(GitHostKind.GITHUB, github.baseUrl(), "acme/gitops", "admin", start, false, false, new GitHubApp("1234", 43));
        assertThatThrownBy(() -> tokens.token(other, pem)).isInstanceOf(HostHttp.HostRefused.class).hasMessageContaining("404");
    }

    @Test
    void readsTheKeysGitHubGivesAndSaysWhatIsWrongWithOthers() {
        assertThat(GitHubAppTokens.signingKey(GitHubAppKeys.pkcs1Pem(KEYS)).isPrivate()).isTrue();
        assertThat(GitHubAppKeys.pkcs1Pem(KEYS)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(GitHubAppTokens.signingKey(GitHubAppKeys.pkcs8Pem(KEYS)).isPrivate()).isTrue();
        assertThat(GitHubAppKeys.pkcs8Pem(KEYS)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThatThrownBy(() -> GitHubAppTokens.signingKey("ghp_notAKey")).hasMessageContaining("not a private key in PEM form");
        String publicOnly = new java.io.StringWriter() {
            {
                try (var writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(this)) {
                    writer.writeObject(KEYS.getPublic());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }.toString();
        assertThatThrownBy(() -> GitHubAppTokens.signingKey(publicOnly)).hasMessageContaining("public key");
    }
}
