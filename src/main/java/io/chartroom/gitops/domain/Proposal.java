package io.chartroom.gitops.domain;

import io.chartroom.base.error.UserText;

/**
 * What someone writes when they propose a change to the GitOps repository (a release, the environments): the
 * title (one line: it heads commit messages), description and commit message, each within its limit; blank ones
 * are generated.
 */
public record Proposal(String title, String description, String message) {

    public Proposal {
        UserText.singleLine("title", title, UserText.TITLE);
        UserText.maxLength("description", description, UserText.DESCRIPTION);
        UserText.maxLength("message", message, UserText.MESSAGE);
    }

    /** Nothing written: everything generated. */
    public static Proposal generated() {
        return new Proposal(null, null, null);
    }
}
