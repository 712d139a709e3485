package io.chartroom.githost.service;

import io.chartroom.base.crypto.SecretCipher;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.Audited;
import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.domain.GitHostKind;
import io.chartroom.githost.domain.GitHostRepository;
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

    private final GitHostRepository hosts;
    private final SecretCipher cipher;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public GitHosts(GitHostRepository hosts, SecretCipher cipher, CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.hosts = hosts;
        this.cipher = cipher;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
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
        // the stored token was given for one host: another kind or API URL needs it typed again
        boolean sameHost = before.map(b -> b.kind() == draft.kind() && b.apiUrl().equals(draft.apiUrl() == null ? null : draft.apiUrl().strip()))
                .orElse(false);
        draft.validate(sameHost);
        boolean newSecret = draft.webhookSecret() != null && !draft.webhookSecret().isBlank();
        GitHost host = new GitHost(draft.kind(), draft.apiUrl().strip(), draft.repository().strip(), admin.username(), clock.instant(),
                newSecret || before.map(GitHost::webhookSecretSet).orElse(false), draft.countsHostReviews());
        boolean newToken = draft.token() != null && !draft.token().isBlank();
        if (newToken) {
            hosts.save(host, cipher.encrypt(draft.token().strip(), TOKEN_PURPOSE));
        } else {
            hosts.saveKeepingToken(host);
        }
        if (newSecret) {
            hosts.saveWebhookSecret(cipher.encrypt(draft.webhookSecret().strip(), WEBHOOK_PURPOSE));
        }
        events.publishEvent(AuditEntry.of("git_host.saved", admin.username()).target("git_host", host.repository())
                .detail("kind", host.kind().name()).detail("apiUrl", host.apiUrl())
                .detail("from", before.map(b -> b.kind().name() + " " + b.apiUrl() + " " + b.repository()).orElse("none"))
                .detail("token", newToken ? "replaced" : "kept").detail("webhookSecret", newSecret ? "replaced" : "kept")
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
     * Tests a host before or after saving it: the draft's own token, or the stored one when the draft keeps it. Never
     * throws for what the host answers: an unreachable host or a refused token is a finding.
     */
    public ConnectionReport test(GitHostDraft draft) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        // the stored token is only sent to the host it was set for
        Optional<byte[]> stored = hosts.find().filter(b -> b.kind() == draft.kind() && draft.apiUrl() != null && b.apiUrl().equals(draft.apiUrl().strip()))
                .flatMap(b -> hosts.sealedToken());
        draft.validate(stored.isPresent());
        String token = draft.token() != null && !draft.token().isBlank() ? draft.token().strip()
                : cipher.decrypt(stored.orElseThrow(), TOKEN_PURPOSE);
        GitHost host = new GitHost(draft.kind(), draft.apiUrl().strip(), draft.repository().strip(), admin.username(), clock.instant(), false, false);
        try {
            return api(host.kind()).check(host, token);
        } catch (HostHttp.HostUnreachable e) {
            return new ConnectionReport(List.of(new Finding(Level.MISSING, e.getMessage())));
        }
    }

    /** Whether a host is configured (one indexed read; nothing opened). */
    boolean configured() {
        return hosts.find().isPresent();
    }

    /** The configured host with its opened token, for Chartroom's own work (pull requests); empty without one. */
    Optional<Connected> connected() {
        return hosts.find().map(host -> new Connected(host, cipher.decrypt(hosts.sealedToken().orElseThrow(), TOKEN_PURPOSE), api(host.kind())));
    }

    /** The webhook secret, opened, for checking a delivery's signature; empty when none is set. */
    Optional<String> webhookSecret() {
        return hosts.sealedWebhookSecret().map(sealed -> cipher.decrypt(sealed, WEBHOOK_PURPOSE));
    }

    record Connected(GitHost host, String token, HostApi api) {
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
