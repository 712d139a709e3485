package io.chartroom.githost.service;

/**
 * A status on a commit, as the host shows it next to the pull request ("chartroom/render production": passed or
 * failed, with why). Descriptions are cut to what every host takes (140 characters).
 */
public record CommitStatus(String context, State state, String description, String targetUrl) {

    public enum State { PENDING, SUCCESS, FAILURE }

    public CommitStatus {
        description = description.length() > 140 ? description.substring(0, 139) + "…" : description;
    }
}
