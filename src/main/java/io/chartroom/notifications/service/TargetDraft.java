package io.chartroom.notifications.service;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.InvalidInputException.Problem;
import io.chartroom.notifications.domain.NotificationKind;
import io.chartroom.notifications.domain.NotificationTarget;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A notification target as an admin enters it; checked as a whole, each problem by field. */
public record TargetDraft(@Nullable String name, NotificationTarget.@Nullable Kind kind, @Nullable String url, @Nullable String secret,
                          @Nullable List<NotificationKind> events, @Nullable List<String> environments, @Nullable List<String> teams) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    /** Never the URL (a Slack URL is a secret) or the secret. */
    @Override
    public String toString() {
        return "TargetDraft[" + name + " " + kind + " " + events + "]";
    }

    void validate() {
        List<Problem> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new Problem("name", "lower-case letters, digits and '-', at most 40"));
        }
        if (kind == null) {
            problems.add(new Problem("kind", "WEBHOOK or SLACK"));
        }
        if (url == null || url.isBlank()) {
            problems.add(new Problem("url", "required"));
        } else {
            try {
                URI uri = URI.create(url.strip());
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null || uri.getUserInfo() != null) {
                    problems.add(new Problem("url", "an http or https URL without a user"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("url", "not a URL: " + e.getMessage()));
            }
        }
        if (kind == NotificationTarget.Kind.SLACK && secret != null && !secret.isBlank()) {
            problems.add(new Problem("secret", "a Slack incoming webhook is not signed: its URL is the secret"));
        }
        if (secret != null && !secret.isBlank() && secret.strip().length() < 16) {
            problems.add(new Problem("secret", "at least 16 characters"));
        }
        if (events == null || events.isEmpty()) {
            problems.add(new Problem("events", "choose at least one event"));
        }
        for (String field : List.of("environments", "teams")) {
            List<String> values = field.equals("environments") ? environments : teams;
            if (values != null && values.stream().anyMatch(v -> v == null || !WORD.matcher(v).matches())) {
                problems.add(new Problem(field, "names of letters, digits, '.', '_' and '-'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
