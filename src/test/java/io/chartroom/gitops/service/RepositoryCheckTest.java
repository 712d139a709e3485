package io.chartroom.gitops.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.base.settings.DataDirectory;
import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The check of main as a whole, read in full and, commit after commit, from what each commit changed. */
class RepositoryCheckTest {

    @TempDir Path tmp;

    @Test
    void eachCommitIsReadFromItsChangesWithTheSameResultAsInFull() {
        try (GitOpsRepository gitops = new GitOpsRepository(new DataDirectory(tmp.resolve("data")),
                new GitOpsSettings(null, null, null, "Chartroom", "chartroom@localhost", DataSize.ofMegabytes(20), "disk"), Clock.systemUTC())) {
            RepositoryCheck check = new RepositoryCheck(gitops, null);
            String initial = gitops.main();
            assertThat(check.at(initial).empty()).as("Chartroom's initial commit is empty").isTrue();

            ReleaseDescription shop = new ReleaseDescription("shop", "payments", "payments",
                    new ChartReference("samples", "https://charts.example.com/", false, "web", "1.0.0"), List.of("dev"), "a: 1\n", Map.of());
            String withShop = commit(gitops, initial, new HashMap<>(RepositoryLayout.releaseFiles(shop)));
            assertThat(check.at(withShop).readable()).isTrue();
            assertThat(check.at(withShop).empty()).as("a release is content").isFalse();

            String broken = commit(gitops, withShop, new HashMap<>(Map.of("releases/shop/helmfile.yaml.gotmpl",
                    RepositoryLayout.releaseFiles(shop).get("releases/shop/helmfile.yaml.gotmpl").replace("bases:", "bases2:"),
                    "releases/shop/extra.txt", "hello\n")));
            assertThat(check.at(broken).problems()).extracting(RepositoryCheck.Problem::toString)
                    .containsExactly("releases/shop/helmfile.yaml.gotmpl:2: 'bases2' is not something Chartroom writes here");
            Map<String, String> removal = new HashMap<>();
            gitops.readTree(broken, "releases/shop/").keySet().forEach(p -> removal.put(p, null));
            String removed = commit(gitops, broken, removal);
            assertThat(check.at(removed).readable()).isTrue();
            assertThat(check.at(removed).empty()).as("no release and no environment again").isTrue();

            // a fresh check reads each commit in full and agrees
            RepositoryCheck fresh = new RepositoryCheck(gitops, null);
            for (String commit : List.of(removed, broken, withShop)) {
                assertThat(fresh.at(commit)).isEqualTo(new RepositoryCheck(gitops, null).at(commit));
                assertThat(fresh.at(commit).problems()).isEqualTo(check.at(commit).problems());
            }

            // nested without end: refused from the parser's events, before any tree (or stack) is built
            Map<String, String> nested = new HashMap<>(RepositoryLayout.releaseFiles(shop));
            nested.put("releases/shop/helmfile.yaml.gotmpl", nested.get("releases/shop/helmfile.yaml.gotmpl")
                    .replace("bases:\n", "bases:\n  - " + "[".repeat(5000) + "]".repeat(5000) + "\n"));
            String deep = commit(gitops, removed, nested);
            assertThat(check.at(deep).problems()).extracting(RepositoryCheck.Problem::toString)
                    .containsExactly("releases/shop/helmfile.yaml.gotmpl: nested deeper than 100 levels; Chartroom reads at most 100");
        }
    }

    /** A new remote with only a README or a licence has no helmfile content: Chartroom may add its layout beside it. */
    @Test
    void aRepositoryWithoutHelmfileContentIsEmpty() {
        try (GitOpsRepository gitops = new GitOpsRepository(new DataDirectory(tmp.resolve("readme")),
                new GitOpsSettings(null, null, null, "Chartroom", "chartroom@localhost", DataSize.ofMegabytes(20), "disk"), Clock.systemUTC())) {
            Map<String, String> only = new HashMap<>();
            gitops.readTree(gitops.main(), "").keySet().forEach(p -> only.put(p, null));
            only.put("README.md", "# Our deployments\n");
            only.put("LICENSE", "MIT\n");
            String readme = commit(gitops, gitops.main(), only);
            RepositoryCheck.Report report = new RepositoryCheck(gitops, null).at(readme);
            assertThat(report.readable()).isTrue();
            assertThat(report.empty()).isTrue();
            String foreign = commit(gitops, readme, new HashMap<>(Map.of("helmfile.d/apps.yaml", "releases: []\n")));
            assertThat(new RepositoryCheck(gitops, null).at(foreign).readable()).as("helmfile content of its own is not empty").isFalse();
        }
    }

    private static String commit(GitOpsRepository gitops, String parent, Map<String, String> files) {
        String commit = gitops.commit(parent, files, gitops.system(), "change");
        gitops.updateRef(GitOpsRepository.MAIN, parent, commit);
        return commit;
    }
}
