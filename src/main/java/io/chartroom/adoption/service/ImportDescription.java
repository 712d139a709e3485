package io.chartroom.adoption.service;

import io.chartroom.clusters.domain.HelmRelease;

/** The change request's description of an import: where it comes from, and what Helm applied against what Chartroom will. */
final class ImportDescription {

    private ImportDescription() {
    }

    static String of(String cluster, HelmRelease helm, String repository, ManifestComparison comparison) {
        StringBuilder text = new StringBuilder();
        text.append("Imports the Helm release ").append(MarkdownCode.of(helm.namespace() + "/" + helm.name())).append(" found on cluster ").append(MarkdownCode.of(cluster))
                .append(" (revision ").append(helm.revision()).append(", ").append(MarkdownCode.of(helm.status())).append("): chart ")
                .append(MarkdownCode.of(repository + "/" + helm.chart())).append(' ').append(MarkdownCode.of(helm.chartVersion()))
                .append(", with the values Helm was given.\n\n");
        if (comparison.noChange()) {
            text.append("**No change**: Chartroom renders the ").append(comparison.objects().size())
                    .append(" objects Helm applied, each as Helm applied it. The first apply takes over their fields from Helm; nothing else is deleted.\n");
            return text.toString();
        }
        text.append("**What Helm applied differs from what Chartroom will apply:** ")
                .append(comparison.count(ManifestComparison.Outcome.SAME)).append(" the same, ")
                .append(comparison.count(ManifestComparison.Outcome.CHANGED)).append(" changed, ")
                .append(comparison.count(ManifestComparison.Outcome.ONLY_CHARTROOM)).append(" new, ")
                .append(comparison.count(ManifestComparison.Outcome.ONLY_HELM)).append(" that Chartroom does not render (left as they are).\n\n");
        text.append("| Object | Outcome | Where |\n|---|---|---|\n");
        for (ManifestComparison.ObjectComparison object : comparison.objects()) {
            if (object.outcome() != ManifestComparison.Outcome.SAME) {
                text.append("| ").append(MarkdownCode.of(object.kind() + " " + object.name())).append(" | ").append(words(object.outcome())).append(" | ")
                        .append(String.join(", ", object.paths().stream().map(MarkdownCode::of).toList())).append(" |\n");
            }
        }
        if (comparison.objects().stream().anyMatch(o -> o.outcome() == ManifestComparison.Outcome.CHANGED && o.kind().equals("Secret"))) {
            text.append("\nA Secret's values are compared by their masked form: a value that is a reference now shows as changed here, "
                    + "and is fetched when Chartroom applies the release.\n");
        }
        return text.toString();
    }

    private static String words(ManifestComparison.Outcome outcome) {
        return switch (outcome) {
            case SAME -> "the same";
            case CHANGED -> "changed";
            case ONLY_CHARTROOM -> "new: Helm did not apply it";
            case ONLY_HELM -> "Helm applied it; Chartroom does not render it";
        };
    }
}
