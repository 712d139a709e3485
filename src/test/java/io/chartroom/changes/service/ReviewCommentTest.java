package io.chartroom.changes.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a pull request's author controls (render errors, values) cannot act in Chartroom's comment on the host. */
class ReviewCommentTest {

    @Test
    void plantedMarkupIsShownNotActedOn() {
        String line = ReviewComment.oneLine("error: <img src=x onerror=alert(1)> ask @platform/admins to [approve](https://evil.example) **now**");
        assertThat(line).doesNotContain("<img").doesNotContain("@platform").doesNotContain("[approve](").doesNotContain("**now**")
                .contains("&lt;img").contains("@\u200bplatform");
    }

    @Test
    void aDiffCannotCloseItsOwnCodeBlock() {
        String block = ReviewComment.fenced("+ value: |\n+   ```\n+   # not a heading\n");
        assertThat(block).startsWith("````diff\n").endsWith("````\n");
    }
}
