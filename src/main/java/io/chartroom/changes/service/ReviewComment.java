package io.chartroom.changes.service;

import io.chartroom.base.text.UnifiedDiff;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.githost.service.CommitStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Chartroom's review as the Git host shows it, in Markdown: per environment the values diff and the rendered objects
 * per group of clusters (each changed object's diff folded), the checks and the approval policy; and a commit status
 * per environment. Secrets are masked in the review already. Kept under what hosts take in one comment: what does
 * not fit is named and linked to the change request's page.
 */
final class ReviewComment {

    /** GitHub takes 65,536 characters in a comment, GitLab a million, Gitea more: the smallest, with room. */
    static final int LIMIT = 60_000;

    private ReviewComment() {
    }

    static String markdown(ChangeRequest cr, ChangeReview review, PolicyStatus policy, String pageUrl) {
        StringBuilder out = new StringBuilder();
        out.append("<!-- chartroom:review change-request=").append(cr.id()).append(" -->\n");
        out.append("### Chartroom review of [change request #").append(cr.id()).append("](").append(pageUrl).append(") at `")
                .append(cr.headCommit(), 0, Math.min(12, cr.headCommit().length())).append("`\n\n");
        List<String> left = new ArrayList<>();
        for (ChangeReview.EnvironmentChange env : review.environments()) {
            StringBuilder section = new StringBuilder("#### ").append(env.title()).append(env.changed() ? "" : " (no change)").append("\n\n");
            if (env.valuesChanged()) {
                section.append("<details><summary>Values</summary>\n\n").append(fenced(UnifiedDiff.of("values", env.valuesBefore(), env.valuesAfter())))
                        .append("</details>\n\n");
            }
            for (ChangeReview.TargetDiff target : env.targets()) {
                section.append("**").append(target.clusters().isEmpty() ? "no cluster" : String.join(", ", target.clusters()))
                        .append("** (Kubernetes ").append(target.kubeVersion()).append("): ").append(counts(target)).append("\n\n");
                if (target.errorAfter() != null) {
                    section.append("> Does not render: ").append(oneLine(target.errorAfter())).append("\n\n");
                }
                for (ChangeReview.ObjectChange o : target.objects()) {
                    if (o.status() != ChangeReview.ObjectStatus.UNCHANGED) {
                        section.append("<details><summary>").append(o.status().name().toLowerCase()).append(" ").append(o.kind()).append(" ")
                                .append(o.namespace() == null ? "" : o.namespace() + "/").append(o.name()).append("</summary>\n\n")
                                .append(fenced(UnifiedDiff.of(o.id(), o.before() == null ? "" : o.before(), o.after() == null ? "" : o.after())))
                                .append("</details>\n");
                    }
                }
                section.append("\n");
            }
            if (out.length() + section.length() < LIMIT - 4_000) {
                out.append(section);
            } else {
                left.add(env.title());
            }
        }
        if (!left.isEmpty()) {
            out.append("_Too large for one comment: ").append(String.join(", ", left)).append(". See the [change request](").append(pageUrl)
                    .append(")._\n\n");
        }
        out.append("#### Checks\n\n");
        for (ChangeReview.Check check : review.checks()) {
            out.append("- ").append(switch (check.status()) {
                case PASSED -> "✅";
                case WARNING -> "⚠️";
                case FAILED -> "❌";
            }).append(" **").append(check.name()).append("**: ").append(oneLine(check.summary())).append("\n");
        }
        out.append("\n#### Approvals\n\n");
        for (PolicyStatus.EnvironmentStatus env : policy.environments()) {
            out.append("- **").append(env.environment()).append("**: ").append(env.met() ? "met" : oneLine(env.missing()))
                    .append(env.counted().isEmpty() ? "" : " (approved by " + String.join(", ", env.counted()) + ")").append("\n");
        }
        return out.toString();
    }

    /** One status per environment: whether every group of its clusters renders. */
    static List<CommitStatus> statuses(ChangeReview review, String pageUrl) {
        List<CommitStatus> statuses = new ArrayList<>();
        for (ChangeReview.EnvironmentChange env : review.environments()) {
            // a status is plain text on the host: collapsed, not escaped
            String error = env.targets().stream().filter(t -> t.errorAfter() != null).map(t -> t.errorAfter().replaceAll("\\s+", " ").strip())
                    .findFirst().orElse(null);
            String context = "chartroom/render " + (env.release() == null ? env.environment() : env.release() + " " + env.environment());
            statuses.add(error == null
                    ? new CommitStatus(context, CommitStatus.State.SUCCESS, env.after() ? "renders on " + clusters(env) : "release removed here", pageUrl)
                    : new CommitStatus(context, CommitStatus.State.FAILURE, error, pageUrl));
        }
        return statuses;
    }

    private static String clusters(ChangeReview.EnvironmentChange env) {
        long n = env.targets().stream().mapToLong(t -> t.clusters().size()).sum();
        return n + (n == 1 ? " cluster" : " clusters");
    }

    private static String counts(ChangeReview.TargetDiff target) {
        List<String> parts = new ArrayList<>();
        for (ChangeReview.ObjectStatus status : ChangeReview.ObjectStatus.values()) {
            long n = target.count(status);
            if (n > 0) {
                parts.add(n + " " + status.name().toLowerCase());
            }
        }
        return parts.isEmpty() ? "no objects" : String.join(", ", parts);
    }

    /** A diff in a code block whose fence no line of the diff can close (a chart's value may hold backticks). */
    static String fenced(String diff) {
        int longest = 0;
        var runs = java.util.regex.Pattern.compile("`+").matcher(diff);
        while (runs.find()) {
            longest = Math.max(longest, runs.end() - runs.start());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "diff\n" + diff + (diff.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    /**
     * Text from a chart or a render (an error, a summary) as one line of plain text in Markdown: HTML, links, images
     * and @-mentions a pull request's author could plant are shown, not acted on.
     */
    static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        line = line.length() > 300 ? line.substring(0, 299) + "…" : line;
        return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]")
                .replace("!", "\\!").replace("@", "@\u200b").replace("`", "\\`").replace("*", "\\*").replace("_", "\\_");
    }
}
