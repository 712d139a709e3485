package io.chartroom.catalog.service;

import io.chartroom.base.event.RemovalCheck;
import io.chartroom.catalog.domain.ChartName;
import io.chartroom.base.event.Audited;
import io.chartroom.base.crypto.SecretCipher;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.ChartRepositoryStore;
import io.chartroom.catalog.domain.RepositoryAuth;
import io.chartroom.catalog.domain.RepositoryDraft;
import io.chartroom.catalog.domain.RepositorySync;
import io.chartroom.catalog.domain.RepositorySyncStore;
import io.chartroom.catalog.domain.RepositoryType;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registering, changing and removing chart repositories (ADMIN). Input is checked field by field; the URL
 * must pass the network guard; credentials are encrypted and never returned. Every change is audited, and a
 * registration starts the first sync.
 */
@Service
public class RepositoryService {

    static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

    private final ChartRepositoryStore repositories;
    private final RepositorySyncStore syncs;
    private final RepositorySyncService syncService;
    private final NetworkGuard guard;
    private final SecretCipher cipher;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    public RepositoryService(ChartRepositoryStore repositories, RepositorySyncStore syncs, RepositorySyncService syncService,
                             NetworkGuard guard, SecretCipher cipher, CurrentUser currentUser,
                             ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.repositories = repositories;
        this.syncs = syncs;
        this.syncService = syncService;
        this.guard = guard;
        this.cipher = cipher;
        this.currentUser = currentUser;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public List<ChartRepository> list() {
        currentUser.require(Role.VIEWER);
        return repositories.findAll();
    }

    public ChartRepository get(long id) {
        currentUser.require(Role.VIEWER);
        return repositories.find(id).orElseThrow(() -> new NotFoundException("repository " + id + " does not exist"));
    }

    public List<RepositorySync> recentSyncs(long id, int limit) {
        currentUser.require(Role.VIEWER);
        return syncs.recent(id, limit);
    }

    public RepositorySync sync(long syncId) {
        currentUser.require(Role.VIEWER);
        return syncs.find(syncId).orElseThrow(() -> new NotFoundException("sync " + syncId + " does not exist"));
    }

    /** Registers a repository and starts its first sync. */
    @Audited(value = "repository.registered", targetType = "repository")
    public ChartRepository register(RepositoryDraft draft) {
        String admin = currentUser.require(Role.ADMIN).username();
        return create(draft, false, admin);
    }

    /** Registers the bundled sample repository (the portal itself does this on first start). */
    ChartRepository registerBundled(RepositoryDraft draft) {
        return create(draft, true, "system");
    }

    private ChartRepository create(RepositoryDraft draft, boolean bundled, String actor) {
        validate(draft, null);
        Instant now = clock.instant();
        long id;
        try {
            id = tx.execute(status -> {
                long newId = repositories.insert(draft, encrypt(draft.secret()), bundled, actor, now);
                events.publishEvent(AuditEntry.of("repository.registered", actor).target("repository", draft.name())
                        .detail("type", draft.type().name()).detail("url", draft.url()).detail("auth", draft.authType().name())
                        .detail("ociCharts", draft.ociCharts()).detail("syncIntervalMinutes", draft.syncInterval().toMinutes())
                        .build());
                return newId;
            });
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of("name", "a repository named " + draft.name() + " already exists");
        }
        syncService.submit(id, "REGISTRATION", actor);
        return repositories.find(id).orElseThrow();
    }

    /** Changes a registration; a null secret keeps the stored credential. The next sync reads the index afresh. */
    @Audited(value = "repository.updated", targetType = "repository")
    public ChartRepository update(long id, RepositoryDraft draft) {
        String admin = currentUser.require(Role.ADMIN).username();
        ChartRepository old = repositories.find(id).orElseThrow(() -> new NotFoundException("repository " + id + " does not exist"));
        validate(draft, old);
        boolean keepSecret = draft.secret() == null && draft.authType() == old.authType();
        try {
            tx.execute(status -> {
                repositories.update(id, draft, keepSecret ? null : encrypt(draft.secret()), keepSecret, clock.instant());
                events.publishEvent(AuditEntry.of("repository.updated", admin).target("repository", draft.name())
                        .detail("changes", changes(old, draft, !keepSecret)).build());
                return null;
            });
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of("name", "a repository named " + draft.name() + " already exists");
        }
        syncService.submit(id, "MANUAL", admin);
        return repositories.find(id).orElseThrow();
    }

    /** Removes a repository and its charts from the catalog. */
    @Audited(value = "repository.removed", targetType = "repository")
    public void remove(long id) {
        String admin = currentUser.require(Role.ADMIN).username();
        ChartRepository repo = repositories.find(id).orElseThrow(() -> new NotFoundException("repository " + id + " does not exist"));
        RemovalCheck.require(events, "repository", repo.name(), "remove those releases or move them to another repository first");
        tx.execute(status -> {
            repositories.delete(id);
            events.publishEvent(AuditEntry.of("repository.removed", admin).target("repository", repo.name())
                    .detail("url", repo.url()).build());
            return null;
        });
    }

    private byte[] encrypt(String secret) {
        return secret == null || secret.isEmpty() ? null : cipher.encrypt(secret, RepositoryHttpClient.SECRET_PURPOSE);
    }

    /** A URL alias: a chart repository this one mirrors, as dependencies name it. */
    private static boolean mirroredUrl(String alias) {
        try {
            URI uri = URI.create(alias.strip());
            return uri.getHost() != null && List.of("http", "https", "oci").contains(String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException notUri) {
            return false;
        }
    }

    /** Checks every field and reports all problems at once, each on its field. */
    void validate(RepositoryDraft d, ChartRepository existing) {
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        if (d.name() == null || !NAME.matcher(d.name()).matches()) {
            problems.add(new InvalidInputException.Problem("name",
                    "use lowercase letters, digits and dashes (1-63 characters, starting and ending with a letter or digit)"));
        }
        URI uri = null;
        if (d.url() == null || d.url().isBlank()) {
            problems.add(new InvalidInputException.Problem("url", "the URL is required"));
        } else {
            try {
                uri = new URI(d.url().strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
                if (d.type() == RepositoryType.OCI && !scheme.equals("oci")) {
                    problems.add(new InvalidInputException.Problem("url", "an OCI registry URL starts with oci://, e.g. oci://ghcr.io/acme/charts"));
                } else if (d.type() == RepositoryType.HTTP && !scheme.equals("http") && !scheme.equals("https")) {
                    problems.add(new InvalidInputException.Problem("url", "a Helm repository URL starts with https:// (or http://)"));
                } else if (uri.getHost() == null) {
                    problems.add(new InvalidInputException.Problem("url", "the URL has no host"));
                } else if (uri.getUserInfo() != null) {
                    problems.add(new InvalidInputException.Problem("url", "put credentials in the authentication fields, not in the URL"));
                }
            } catch (URISyntaxException e) {
                problems.add(new InvalidInputException.Problem("url", "not a valid URL: " + e.getReason()));
            }
        }
        if (d.type() == RepositoryType.OCI) {
            if (d.ociCharts().isEmpty()) {
                problems.add(new InvalidInputException.Problem("ociCharts", "name the charts to list in the registry"));
            }
            d.ociCharts().stream().filter(c -> !ChartName.valid(c)).findFirst().ifPresent(c ->
                    problems.add(new InvalidInputException.Problem("ociCharts", ChartName.problem(c))));
        }
        boolean hasStoredSecret = existing != null && existing.hasSecret() && existing.authType() == d.authType();
        boolean noSecret = (d.secret() == null || d.secret().isEmpty()) && !hasStoredSecret;
        if (d.authType() == RepositoryAuth.BASIC) {
            if (d.username() == null || d.username().isBlank()) {
                problems.add(new InvalidInputException.Problem("username", "basic authentication needs a user name"));
            }
            if (noSecret) {
                problems.add(new InvalidInputException.Problem("secret", "basic authentication needs a password"));
            }
        } else if (d.authType() == RepositoryAuth.BEARER && noSecret) {
            problems.add(new InvalidInputException.Problem("secret", "bearer authentication needs a token"));
        }
        if (d.caCertificate() != null && !d.caCertificate().isBlank()) {
            try {
                RepositoryHttpClient.sslContext(d.caCertificate().strip());
            } catch (IllegalArgumentException e) {
                problems.add(new InvalidInputException.Problem("caCertificate", e.getMessage()));
            }
        }
        if (d.syncInterval().compareTo(Duration.ofMinutes(1)) < 0 || d.syncInterval().compareTo(Duration.ofDays(7)) > 0) {
            problems.add(new InvalidInputException.Problem("syncInterval", "choose between 1 minute and 7 days"));
        }
        for (String alias : d.aliases()) {
            if (mirroredUrl(alias)) {
                continue; // a URL the repository mirrors: charts depending on that URL resolve here
            }
            if (!NAME.matcher(alias).matches()) {
                problems.add(new InvalidInputException.Problem("aliases", "'" + ChartName.printable(alias)
                        + "' is neither a name (lowercase letters, digits, dashes) nor a URL this repository mirrors (https://..., oci://...)"));
            } else {
                repositories.findAll().stream()
                        .filter(r -> existing == null || r.id() != existing.id())
                        .filter(r -> r.name().equals(alias) || r.aliases().contains(alias))
                        .findFirst()
                        .ifPresent(r -> problems.add(new InvalidInputException.Problem("aliases",
                                "'" + alias + "' already names repository " + r.name())));
            }
        }
        if (problems.isEmpty() && uri != null) {
            try {
                guard.check(d.type() == RepositoryType.OCI
                        ? URI.create((d.plainHttp() ? "http://" : "https://") + uri.getAuthority() + "/") : uri);
            } catch (RepositoryFetchException e) {
                problems.add(new InvalidInputException.Problem("url", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** Which fields changed, by name; never the values of credentials. */
    private static List<String> changes(ChartRepository old, RepositoryDraft d, boolean secretReplaced) {
        List<String> changed = new ArrayList<>();
        if (!old.name().equals(d.name())) changed.add("name");
        if (old.type() != d.type()) changed.add("type");
        if (!old.url().equals(d.url())) changed.add("url");
        if (!old.ociCharts().equals(d.ociCharts())) changed.add("ociCharts");
        if (old.authType() != d.authType()) changed.add("authType");
        if (!Objects.equals(old.username(), d.username())) changed.add("username");
        if (secretReplaced) changed.add("credential replaced");
        if (!Objects.equals(blankToNull(old.caCertificate()), blankToNull(d.caCertificate()))) changed.add("caCertificate");
        if (old.plainHttp() != d.plainHttp()) changed.add("plainHttp");
        if (!old.aliases().equals(d.aliases())) changed.add("aliases");
        if (!old.syncInterval().equals(d.syncInterval())) changed.add("syncInterval");
        return changed;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
