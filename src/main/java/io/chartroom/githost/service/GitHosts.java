package io.chartroom.githost.service;

import io.chartroom.base.crypto.SecretCipher;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.Audited;
import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.domain.GitHostKind;
import io.chartroom.githost.domain.GitHostRepository;
import io.chartroom.githost.domain.GitHubApp;
import io.chartroom.githost.service.ConnectionReport.Finding;
import io.chartroom.githost.service.ConnectionReport.Level;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The installation's Git host: which one, where, and its token (sealed at rest, never shown again, never in the
 * audit log). Anyone signed in may see where change requests go; only an ADMIN changes it or tests a connection.
 */
@Service
public class GitHosts {

    static final String TOKEN_PURPOSE = "git-host-token";
    static final String WEBHOOK_PURPOSE = "git-host-webhook-secret";
    static final String APP_KEY_PURPOSE = "git-host-app-key";

    private final GitHostRepository hosts;
    private final SecretCipher cipher;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final GitHubAppTokens appTokens;

    GitHosts(GitHostRepository hosts, SecretCipher cipher, CurrentUser currentUser, ApplicationEventPublisher events, Clock clock,
             GitHubAppTokens appTokens) {
        this.hosts = hosts;
        this.cipher = cipher;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
        this.appTokens = appTokens;
    }

    public Optional<GitHost> current() {
        currentUser.require(Role.VIEWER);
        return hosts.find();
    }

    @Transactional
    @Audited(value = "git_host.saved", targetType = "git_host", target = -1)
    public GitHost save(GitHostDraft draft) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        Optional<GitHost> before = hosts.find();
        draft.validate(keepable(before, draft));
        boolean newSecret = draft.webhookSecret() != null && !draft.webhookSecret().isBlank();
        GitHost host = host(draft, admin, newSecret || before.map(GitHost::webhookSecretSet).orElse(false), draft.countsHostReviews());
        boolean newToken = draft.app() == null ? draft.tokenGiven() : draft.app().keyGiven();
        if (newToken) {
            hosts.save(host, draft.app() == null ? cipher.encrypt(draft.token().strip(), TOKEN_PURPOSE)
                    : cipher.encrypt(draft.app().privateKey().strip(), APP_KEY_PURPOSE));
        } else {
            hosts.saveKeepingToken(host);
        }
        if (newSecret) {
            hosts.saveWebhookSecret(cipher.encrypt(draft.webhookSecret().strip(), WEBHOOK_PURPOSE));
        }
        events.publishEvent(AuditEntry.of("git_host.saved", admin.username()).target("git_host", host.repository())
                .detail("kind", host.kind().name()).detail("apiUrl", host.apiUrl())
                .detail("from", before.map(b -> b.kind().name() + " " + b.apiUrl() + " " + b.repository()).orElse("none"))
                .detail("credential", host.app() == null ? "token" : "GitHub App " + host.app().appId() + " installation " + host.app().installationId())
                .detail(host.app() == null ? "token" : "privateKey", newToken ? "replaced" : "kept").detail("webhookSecret", newSecret ? "replaced" : "kept")
                .detail("countHostReviews", host.countHostReviews()).build());
        return host;
    }

    @Transactional
    @Audited(value = "git_host.removed", targetType = "git_host", target = -1)
    public boolean remove() {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        Optional<GitHost> before = hosts.find();
        boolean removed = hosts.delete();
        if (removed) {
            events.publishEvent(AuditEntry.of("git_host.removed", admin.username()).target("git_host", before.get().repository())
                    .detail("kind", before.get().kind().name()).build());
        }
        return removed;
    }

    /**
     * Tests a host before or after saving it: the draft's own token or app key, or the stored one when the draft keeps
     * it. Never throws for what the host answers: an unreachable host or a refused token is a finding.
     */
    public ConnectionReport test(GitHostDraft draft) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        GitHostDraft.Keep keep = keepable(hosts.find(), draft);
        draft.validate(keep);
        GitHost host = host(draft, admin, false, false);
        try {
            if (host.app() != null) {
                String key = draft.app().keyGiven() ? draft.app().privateKey().strip() : cipher.decrypt(hosts.sealedToken().orElseThrow(), APP_KEY_PURPOSE);
                return GitHubAppCheck.check(appTokens, host, key, api(host.kind()));
            }
            String token = draft.tokenGiven() ? draft.token().strip() : cipher.decrypt(hosts.sealedToken().orElseThrow(), TOKEN_PURPOSE);
            return api(host.kind()).check(host, token);
        } catch (HostHttp.HostUnreachable e) {
            return new ConnectionReport(List.of(new Finding(Level.MISSING, e.getMessage())));
        }
    }

    private GitHost host(GitHostDraft draft, UserIdentity admin, boolean webhookSecretSet, boolean countHostReviews) {
        return new GitHost(draft.kind(), draft.apiUrl().strip(), draft.repository().strip(), admin.username(), clock.instant(), webhookSecretSet,
                countHostReviews, draft.app() == null ? null : new GitHubApp(draft.app().appId().strip(), draft.app().installationId()));
    }

    /**
     * What the stored credential may stand in for in a draft that leaves its own empty. It was given for one host and
     * one way of signing in: another kind, API URL, app, or a switch between token and app needs it typed again, so
     * that a stored secret is never sent where it was not meant to go.
     */
    private static GitHostDraft.Keep keepable(Optional<GitHost> before, GitHostDraft draft) {
        return before.filter(b -> b.kind() == draft.kind() && draft.apiUrl() != null && b.apiUrl().equals(draft.apiUrl().strip()))
                .map(b -> {
                    if (b.app() == null) {
                        return draft.app() == null ? GitHostDraft.Keep.TOKEN : GitHostDraft.Keep.NOTHING;
                    }
                    return draft.app() != null && draft.app().appId() != null && b.app().appId().equals(draft.app().appId().strip())
                            ? GitHostDraft.Keep.APP_KEY : GitHostDraft.Keep.NOTHING;
                }).orElse(GitHostDraft.Keep.NOTHING);
    }

    /** Whether a host is configured (one indexed read; nothing opened). */
    boolean configured() {
        return hosts.find().isPresent();
    }

    /**
     * The configured host for Chartroom's own work (pull requests); empty without one. Its token is opened (or, for a
     * GitHub App, minted) only when a request needs it.
     */
    Optional<Connected> connected() {
        return hosts.find().map(host -> new Connected(host, () -> {
            byte[] sealed = hosts.sealedToken().orElseThrow(() -> new IllegalStateException("the Git host was removed"));
            return host.app() == null ? cipher.decrypt(sealed, TOKEN_PURPOSE) : appTokens.token(host, cipher.decrypt(sealed, APP_KEY_PURPOSE));
        }, api(host.kind())));
    }

    /** The webhook secret, opened, for checking a delivery's signature; empty when none is set. */
    Optional<String> webhookSecret() {
        return hosts.sealedWebhookSecret().map(sealed -> cipher.decrypt(sealed, WEBHOOK_PURPOSE));
    }

    record Connected(GitHost host, java.util.function.Supplier<String> credential, HostApi api) {

        String token() {
            return credential.get();
        }

        @Override
        public String toString() {
            return "Connected[" + host.kind() + " " + host.repository() + "]"; // never the token
        }
    }

    static HostApi api(GitHostKind kind) {
        return switch (kind) {
            case GITHUB -> new GitHubApi();
            case GITLAB -> new GitLabApi();
            case GITEA -> new GiteaApi();
        };
    }
}
