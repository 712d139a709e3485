package io.chartroom.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.fixtures.AsUser;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.SavedDrafts;
import org.springframework.security.access.AccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/** A release draft kept server-side: per user, sealed at rest, brought back whole, refused when it is not a form's work. */
@IntegrationTest
class SavedDraftsTest {

    @Autowired SavedDrafts drafts;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectProvider<SecurityContextHolderStrategy> security;

    @Test
    void aDraftComesBackToItsUserOnlyAndIsSealedAtRest() {
        AsUser as = new AsUser(security);
        String key = SavedDrafts.forRelease("saved-draft-web");
        ReleaseDraft draft = new ReleaseDraft("saved-draft-web", "shop", "payments", 1, List.of("dev", "production"),
                "replicaCount: 2\npassword: hunter2-typed-by-mistake\n", Map.of("production", "replicaCount: 5\n"), Map.of("dev", 2L));
        as.call("developer", () -> drafts.save(key, draft));

        assertThat(as.call("developer", () -> drafts.find(key)).orElseThrow().draft()).isEqualTo(draft);
        assertThat(as.call("developer2", () -> drafts.find(key))).as("another user's draft is not theirs to see").isEmpty();
        byte[] sealed = jdbc.sql("select sealed from saved_draft where username = 'developer' and draft_key = ?").param(key)
                .query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2").doesNotContain("replicaCount");

        // a row moved to another user does not open for them: the user is bound to the ciphertext
        jdbc.sql("insert into saved_draft (username, draft_key, sealed, saved_at) select 'developer2', draft_key, sealed, saved_at "
                + "from saved_draft where username = 'developer' and draft_key = ?").param(key).update();
        assertThat(as.call("developer2", () -> drafts.find(key))).isEmpty();
        assertThat(jdbc.sql("select count(*) from saved_draft where username = 'developer2' and draft_key = ?").param(key)
                .query(Long.class).single()).as("the unreadable row is dropped").isZero();

        // a draft equal to what the page shows is nothing to bring back: dropped
        assertThat(as.call("developer", () -> drafts.findOtherThan(key, draft))).isEmpty();
        assertThat(as.call("developer", () -> drafts.find(key))).isEmpty();
    }

    @Test
    void viewersKeepNoDraftsAndKeysAndSizesAreBounded() {
        AsUser as = new AsUser(security);
        ReleaseDraft draft = new ReleaseDraft("x", "", "payments", 1, List.of(), "", Map.of());
        assertThatThrownBy(() -> as.call("viewer", () -> drafts.save(SavedDrafts.forNewRelease(1), draft)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as.call("developer", () -> drafts.save("../../etc", draft))).isInstanceOf(InvalidInputException.class);
        ReleaseDraft huge = new ReleaseDraft("x", "", "payments", 1, List.of(), "a: " + "x".repeat(3 * 1024 * 1024), Map.of());
        assertThatThrownBy(() -> as.call("developer", () -> drafts.save(SavedDrafts.forNewRelease(1), huge)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("KB");
    }
}
