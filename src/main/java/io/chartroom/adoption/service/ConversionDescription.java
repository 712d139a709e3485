package io.chartroom.adoption.service;

import io.chartroom.gitops.domain.CommitId;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.ReleaseDescription;
import java.util.List;

/** The change request's description of a conversion: what main held, what each environment and release becomes, and what goes. */
final class ConversionDescription {

    private ConversionDescription() {
    }

    static String of(String main, List<ReleaseDescription> releases, List<EnvironmentDefinition> environments, List<String> deleted) {
        StringBuilder text = new StringBuilder();
        text.append("Converts main (").append(MarkdownCode.of(CommitId.shortOf(main))).append("), a helmfile repository, to Chartroom's layout: ")
                .append(releases.size()).append(" release(s) in ").append(environments.size()).append(" environment(s). ")
                .append("The check below renders every release in every environment and group of clusters the helmfile way and the ")
                .append("Chartroom way; it passes only when nothing differs, and only then can this merge.\n\n");
        // the selector is the ADMIN's; helmfile's kubeContext beside it, so that a reviewer sees a staging that points at production
        text.append("| Environment | Clusters (selector) | In helmfile |\n|---|---|---|\n");
        environments.forEach(e -> text.append("| ").append(MarkdownCode.of(e.name())).append(" | ").append(MarkdownCode.of(e.clusterSelector()))
                .append(" | ").append(MarkdownCode.of(e.description())).append(" |\n"));
        text.append("\n| Release | Namespace | Chart | Environments | Team |\n|---|---|---|---|---|\n");
        releases.forEach(r -> text.append("| ").append(MarkdownCode.of(r.name())).append(" | ").append(MarkdownCode.of(r.namespace())).append(" | ")
                .append(MarkdownCode.of(r.chart().repository() + "/" + r.chart().chart() + " " + r.versionText())).append(" | ")
                .append(MarkdownCode.of(String.join(", ", r.environments()))).append(" | ").append(MarkdownCode.of(r.team())).append(" |\n"));
        if (!deleted.isEmpty()) {
            text.append("\nDeleted (kept in Git's history): ").append(String.join(", ", deleted.stream().limit(50).map(MarkdownCode::of).toList()))
                    .append(deleted.size() > 50 ? " and " + (deleted.size() - 50) + " more" : "").append(".\n");
        }
        return text.toString();
    }
}
