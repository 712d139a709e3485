package io.chartroom.security.service;

import io.chartroom.base.event.Audited;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.security.domain.ApiToken;
import io.chartroom.security.domain.ApiTokenRepository;
import io.chartroom.security.domain.AppUserRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens for the REST API and Git over HTTP. A token is a random secret with a recognizable
 * prefix; only its SHA-256 hash is stored (the secret has 256 bits of entropy, so a slow hash adds nothing).
 */
@Service
public class ApiTokenService {

    public static final String PREFIX = "crp_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token and its secret, which is never available again. */
    public record CreatedToken(ApiToken token, String secret) {}

    private final ApiTokenRepository tokens;
    private final AppUserRepository users;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final SecuritySettings settings;
    private final Clock clock;

    public ApiTokenService(ApiTokenRepository tokens, AppUserRepository users, CurrentUser currentUser,
                           ApplicationEventPublisher events, SecuritySettings settings, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.currentUser = currentUser;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    @Audited(value = "token.created", targetType = "token")
    public CreatedToken create(String name, Duration lifetime) {
        UserIdentity user = currentUser.require(Role.VIEWER);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw InvalidInputException.of("name", "give the token a name of 1 to 100 characters");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero() || lifetime.toDays() > settings.maxTokenDays()) {
            throw InvalidInputException.of("lifetime", "choose between 1 and " + settings.maxTokenDays() + " days");
        }
        Instant now = clock.instant();
        if (users.find(user.username()).isEmpty()) {
            // an API caller who has never logged in interactively (HTTP Basic, bearer JWT)
            users.recordLogin(user, null, "API", now);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String prefix = secret.substring(0, PREFIX.length() + 6);
        long id = tokens.insert(user.username(), trimmed, prefix, hash(secret), now, now.plus(lifetime));
        ApiToken token = tokens.find(id).orElseThrow();
        events.publishEvent(AuditEntry.of("token.created", user.username())
                .target("token", id).detail("name", trimmed).detail("prefix", prefix)
                .detail("expiresAt", token.expiresAt().toString()).build());
        return new CreatedToken(token, secret);
    }

    public List<ApiToken> mine() {
        return tokens.findByOwner(currentUser.require(Role.VIEWER).username());
    }

    public List<ApiToken> all() {
        currentUser.require(Role.ADMIN);
        return tokens.findAll();
    }

    /** Revokes one of the caller's tokens; ADMINs may revoke anyone's. */
    @Transactional
    @Audited(value = "token.revoked", targetType = "token")
    public void revoke(long id) {
        UserIdentity user = currentUser.require(Role.VIEWER);
        ApiToken token = tokens.find(id).orElseThrow(() -> new NotFoundException("token " + id + " does not exist"));
        if (!token.owner().equals(user.username()) && !user.hasRole(Role.ADMIN)) {
            throw new AccessDeniedException("token " + id + " belongs to another user");
        }
        if (tokens.revoke(id, user.username(), clock.instant())) {
            events.publishEvent(AuditEntry.of("token.revoked", user.username())
                    .target("token", id).detail("name", token.name()).detail("owner", token.owner()).build());
        }
    }

    /**
     * The identity a token acts as, if it is a live token of a known user: the roles and teams of that
     * user's last login. Called by the authentication filters, before any caller exists.
     */
    @Transactional
    public Optional<UserIdentity> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findByHash(hash(secret))
                .filter(t -> t.isActive(now))
                .flatMap(t -> {
                    tokens.touch(t.id(), now);
                    return users.find(t.owner()).map(u -> u.identity());
                });
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
