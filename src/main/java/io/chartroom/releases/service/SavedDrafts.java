package io.chartroom.releases.service;

import io.chartroom.base.crypto.SecretCipher;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.releases.domain.SavedDraftRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The release draft a user is editing, kept server-side for that user only, so that leaving the editor, Back, a
 * reload or another browser loses nothing. One draft per user and page: a new release of a chart version, a
 * release's edit, a change request's amendment. Sealed at rest; dropped when the change request is submitted or
 * the user discards it.
 */
@Service
public class SavedDrafts {

    private static final Logger log = LoggerFactory.getLogger(SavedDrafts.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern KEY = Pattern.compile("^(new:\\d{1,18}|release:[a-z0-9][-a-z0-9]{0,62}|change-request:\\d{1,18})$");
    /** A draft larger than this is not a form's work; refused rather than stored. */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    /** A draft as saved, and when. */
    public record Saved(ReleaseDraft draft, Instant savedAt) {}

    private final SavedDraftRepository drafts;
    private final SecretCipher cipher;
    private final CurrentUser currentUser;
    private final Clock clock;

    SavedDrafts(SavedDraftRepository drafts, SecretCipher cipher, CurrentUser currentUser, Clock clock) {
        this.drafts = drafts;
        this.cipher = cipher;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** The key of a new release's draft from a chart version. */
    public static String forNewRelease(long chartVersionId) {
        return "new:" + chartVersionId;
    }

    public static String forRelease(String release) {
        return "release:" + release;
    }

    /** An existing release's edit, or a new release of the chart version when {@code release} is null. */
    public static String forRelease(String release, long chartVersionId) {
        return release == null ? forNewRelease(chartVersionId) : forRelease(release);
    }

    public static String forChangeRequest(long id) {
        return "change-request:" + id;
    }

    /** Keeps the draft for the current user (DEVELOPER and up); returns when it was saved. */
    public Instant save(String key, ReleaseDraft draft) {
        UserIdentity user = currentUser.require(Role.DEVELOPER);
        String json = JSON.writeValueAsString(draft);
        int bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw InvalidInputException.of("draft", "the draft is " + bytes / 1024 + " KB; at most " + MAX_BYTES / 1024 + " KB is kept");
        }
        Instant at = clock.instant();
        drafts.save(user.username(), checked(key), cipher.encrypt(json, purpose(user, key)), at);
        return at;
    }

    /** The current user's draft under this key, if one is kept and still readable. */
    public Optional<Saved> find(String key) {
        UserIdentity user = currentUser.require(Role.DEVELOPER);
        return drafts.find(user.username(), checked(key)).flatMap(row -> {
            try {
                return Optional.of(new Saved(JSON.readValue(cipher.decrypt(row.sealed(), purpose(user, key)), ReleaseDraft.class), row.savedAt()));
            } catch (RuntimeException unreadable) {
                // sealed with another key (the installation's key was replaced) or an older shape: nothing to bring back
                // (the exception's message may quote the draft's text: not logged)
                log.debug("Dropping {}'s unreadable draft {} ({})", user.username(), key, unreadable.getClass().getSimpleName());
                drafts.delete(user.username(), key);
                return Optional.empty();
            }
        });
    }

    /** The current user's draft under this key if it differs from {@code shown}; one that does not is dropped. */
    public Optional<Saved> findOtherThan(String key, ReleaseDraft shown) {
        Optional<Saved> saved = find(key);
        if (saved.isPresent() && saved.get().draft().equals(shown)) {
            discard(key);
            return Optional.empty();
        }
        return saved;
    }

    public void discard(String key) {
        UserIdentity user = currentUser.require(Role.DEVELOPER);
        drafts.delete(user.username(), checked(key));
    }

    private static String checked(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw InvalidInputException.of("draft", "not a draft key: " + key);
        }
        return key;
    }

    /** Bound to the ciphertext: a row moved to another user or key does not open. */
    private static String purpose(UserIdentity user, String key) {
        return "release-draft:" + user.username() + ":" + key;
    }
}
