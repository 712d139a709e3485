package io.chartroom.githost.service;

import io.chartroom.githost.domain.GitHostKind;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads a verified delivery's JSON as the {@link HostEvent} it is, per host's payloads. */
final class HostEvents {

    private HostEvents() {
    }

    static HostEvent read(GitHostKind kind, String event, JsonNode body) {
        return switch (kind) {
            case GITHUB, GITEA -> gitHubStyle(event, body);
            case GITLAB -> gitLab(event, body);
        };
    }

    private static HostEvent gitHubStyle(String event, JsonNode body) {
        String login = body.path("sender").path("login").asString("someone");
        switch (event) {
            case "push" -> {
                return body.path("ref").asString("").equals("refs/heads/" + PullRequests.BASE)
                        ? new HostEvent.MainPushed(body.path("after").asString()) : new HostEvent.Ignored(event);
            }
            case "pull_request" -> {
                JsonNode pr = body.path("pull_request");
                long number = pr.path("number").asLong(body.path("number").asLong());
                String action = body.path("action").asString("");
                if (List.of("opened", "reopened", "synchronize", "synchronized").contains(action)) {
                    String headRepository = pr.path("head").path("repo").path("full_name").asString("");
                    return pr.path("base").path("ref").asString("").equals(PullRequests.BASE)
                            ? new HostEvent.PullRequestOpened(number, pr.path("head").path("ref").asString(), pr.path("head").path("sha").asString(),
                                    pr.path("title").asString(""), pr.path("body").asString(""), pr.path("user").path("login").asString(login), login,
                                    pr.path("html_url").asString(""),
                                    !headRepository.isEmpty() && headRepository.equals(body.path("repository").path("full_name").asString("")))
                            : new HostEvent.Ignored(event);
                }
                if (!action.equals("closed")) {
                    return new HostEvent.Ignored(event);
                }
                return pr.path("merged").asBoolean(false)
                        ? new HostEvent.PullRequestMerged(number, pr.path("merge_commit_sha").asString(null),
                                pr.path("merged_by").path("login").asString(login))
                        : new HostEvent.PullRequestClosed(number, login);
            }
            case "pull_request_review" -> {
                long number = body.path("pull_request").path("number").asLong();
                String reviewer = body.path("review").path("user").path("login").asString(login);
                String commit = body.path("review").path("commit_id").asString(null);
                if (body.path("action").asString("").equals("dismissed")) {
                    return new HostEvent.PullRequestReviewed(number, reviewer, HostEvent.PullRequestReviewed.Verdict.WITHDRAWN, commit);
                }
                return switch (body.path("review").path("state").asString("").toLowerCase()) {
                    case "approved" -> new HostEvent.PullRequestReviewed(number, reviewer, HostEvent.PullRequestReviewed.Verdict.APPROVED, commit);
                    case "changes_requested" -> new HostEvent.PullRequestReviewed(number, reviewer,
                            HostEvent.PullRequestReviewed.Verdict.CHANGES_REQUESTED, commit);
                    default -> new HostEvent.Ignored(event);
                };
            }
            // Gitea names a review by its outcome
            case "pull_request_review_approved", "pull_request_approved" -> {
                return new HostEvent.PullRequestReviewed(body.path("pull_request").path("number").asLong(body.path("number").asLong()), login,
                        HostEvent.PullRequestReviewed.Verdict.APPROVED, body.path("pull_request").path("head").path("sha").asString(null));
            }
            case "pull_request_review_rejected", "pull_request_rejected" -> {
                return new HostEvent.PullRequestReviewed(body.path("pull_request").path("number").asLong(body.path("number").asLong()), login,
                        HostEvent.PullRequestReviewed.Verdict.CHANGES_REQUESTED, null);
            }
            default -> {
                return new HostEvent.Ignored(event);
            }
        }
    }

    private static HostEvent gitLab(String event, JsonNode body) {
        String user = body.path("user").path("username").asString("someone");
        if (event.equals("Push Hook")) {
            return body.path("ref").asString("").equals("refs/heads/" + PullRequests.BASE)
                    ? new HostEvent.MainPushed(body.path("after").asString()) : new HostEvent.Ignored(event);
        }
        if (!event.equals("Merge Request Hook")) {
            return new HostEvent.Ignored(event);
        }
        JsonNode mr = body.path("object_attributes");
        long iid = mr.path("iid").asLong();
        return switch (mr.path("action").asString("")) {
            case "merge" -> new HostEvent.PullRequestMerged(iid, mr.path("merge_commit_sha").asString(null), user);
            case "close" -> new HostEvent.PullRequestClosed(iid, user);
            case "open", "reopen", "update" -> mr.path("target_branch").asString("").equals(PullRequests.BASE)
                    ? new HostEvent.PullRequestOpened(iid, mr.path("source_branch").asString(), mr.path("last_commit").path("id").asString(),
                            mr.path("title").asString(""), mr.path("description").asString(""), user, user, mr.path("url").asString(""),
                            mr.path("source_project_id").asLong(-1) == mr.path("target_project_id").asLong(-2))
                    : new HostEvent.Ignored(event);
            case "approved", "approval" -> new HostEvent.PullRequestReviewed(iid, user, HostEvent.PullRequestReviewed.Verdict.APPROVED,
                    mr.path("last_commit").path("id").asString(null));
            case "unapproved", "unapproval" -> new HostEvent.PullRequestReviewed(iid, user, HostEvent.PullRequestReviewed.Verdict.WITHDRAWN, null);
            default -> new HostEvent.Ignored(event);
        };
    }
}
