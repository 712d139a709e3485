package io.chartroom.githost.service;

/** A pull request (GitHub, Gitea) or merge request (GitLab) on the host: its number there and its page. */
public record PullRequest(long number, String url) {}
